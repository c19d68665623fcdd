-- alembic-to-sql: Alembic revision 4bc4d934e2bc (Create initial database state from Airflow v2.6.2.)
-- revises: base (the first revision)
-- from: migrations/versions/0000_2_6_2_squashed_migrations.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls now(): a value it computes when it runs is in this file as computed
--   at conversion, where each online run computed its own (and converting again writes
--   another); check the values this file writes

CREATE TABLE ab_permission (
    id SERIAL NOT NULL, 
    name VARCHAR(100) NOT NULL, 
    CONSTRAINT ab_permission_pkey PRIMARY KEY (id), 
    CONSTRAINT ab_permission_name_uq UNIQUE (name)
);

CREATE TABLE ab_register_user (
    id SERIAL NOT NULL, 
    first_name VARCHAR(256) NOT NULL, 
    last_name VARCHAR(256) NOT NULL, 
    username VARCHAR(512) NOT NULL, 
    email VARCHAR(512) NOT NULL, 
    password VARCHAR(256), 
    registration_date TIMESTAMP WITHOUT TIME ZONE, 
    registration_hash VARCHAR(256), 
    CONSTRAINT ab_register_user_pkey PRIMARY KEY (id), 
    CONSTRAINT ab_register_user_username_uq UNIQUE (username)
);

CREATE TABLE ab_role (
    id SERIAL NOT NULL, 
    name VARCHAR(64) NOT NULL, 
    CONSTRAINT ab_role_pkey PRIMARY KEY (id), 
    CONSTRAINT ab_role_name_uq UNIQUE (name)
);

CREATE TABLE ab_user (
    id SERIAL NOT NULL, 
    first_name VARCHAR(256) NOT NULL, 
    last_name VARCHAR(256) NOT NULL, 
    username VARCHAR(512) NOT NULL, 
    email VARCHAR(512) NOT NULL, 
    password VARCHAR(256), 
    active BOOLEAN, 
    last_login TIMESTAMP WITHOUT TIME ZONE, 
    login_count INTEGER, 
    fail_login_count INTEGER, 
    created_on TIMESTAMP WITHOUT TIME ZONE, 
    changed_on TIMESTAMP WITHOUT TIME ZONE, 
    created_by_fk INTEGER, 
    changed_by_fk INTEGER, 
    CONSTRAINT ab_user_pkey PRIMARY KEY (id), 
    CONSTRAINT ab_user_changed_by_fk_fkey FOREIGN KEY(changed_by_fk) REFERENCES ab_user (id), 
    CONSTRAINT ab_user_created_by_fk_fkey FOREIGN KEY(created_by_fk) REFERENCES ab_user (id), 
    CONSTRAINT ab_user_email_uq UNIQUE (email), 
    CONSTRAINT ab_user_username_uq UNIQUE (username)
);

CREATE TABLE ab_view_menu (
    id SERIAL NOT NULL, 
    name VARCHAR(250) NOT NULL, 
    CONSTRAINT ab_view_menu_pkey PRIMARY KEY (id), 
    CONSTRAINT ab_view_menu_name_uq UNIQUE (name)
);

CREATE TABLE callback_request (
    id SERIAL NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    priority_weight INTEGER NOT NULL, 
    callback_data JSON NOT NULL, 
    callback_type VARCHAR(20) NOT NULL, 
    processor_subdir VARCHAR(2000), 
    CONSTRAINT callback_request_pkey PRIMARY KEY (id)
);

CREATE TABLE connection (
    id SERIAL NOT NULL, 
    conn_id VARCHAR(250) NOT NULL, 
    conn_type VARCHAR(500) NOT NULL, 
    description TEXT, 
    host VARCHAR(500), 
    schema VARCHAR(500), 
    login VARCHAR(500), 
    password VARCHAR(5000), 
    port INTEGER, 
    is_encrypted BOOLEAN, 
    is_extra_encrypted BOOLEAN, 
    extra TEXT, 
    CONSTRAINT connection_pkey PRIMARY KEY (id), 
    CONSTRAINT connection_conn_id_uq UNIQUE (conn_id)
);

CREATE TABLE dag (
    dag_id VARCHAR(250) NOT NULL, 
    max_active_tasks INTEGER NOT NULL, 
    has_task_concurrency_limits BOOLEAN NOT NULL, 
    root_dag_id VARCHAR(250), 
    is_paused BOOLEAN, 
    is_subdag BOOLEAN, 
    is_active BOOLEAN, 
    last_parsed_time TIMESTAMP WITH TIME ZONE, 
    last_pickled TIMESTAMP WITH TIME ZONE, 
    last_expired TIMESTAMP WITH TIME ZONE, 
    scheduler_lock BOOLEAN, 
    pickle_id INTEGER, 
    fileloc VARCHAR(2000), 
    processor_subdir VARCHAR(2000), 
    owners VARCHAR(2000), 
    description TEXT, 
    default_view VARCHAR(25), 
    schedule_interval TEXT, 
    timetable_description VARCHAR(1000), 
    max_active_runs INTEGER, 
    has_import_errors BOOLEAN DEFAULT (false), 
    next_dagrun TIMESTAMP WITH TIME ZONE, 
    next_dagrun_data_interval_start TIMESTAMP WITH TIME ZONE, 
    next_dagrun_data_interval_end TIMESTAMP WITH TIME ZONE, 
    next_dagrun_create_after TIMESTAMP WITH TIME ZONE, 
    CONSTRAINT dag_pkey PRIMARY KEY (dag_id)
);

CREATE INDEX idx_next_dagrun_create_after ON dag (next_dagrun_create_after);

CREATE INDEX idx_root_dag_id ON dag (root_dag_id);

CREATE TABLE dag_code (
    fileloc_hash BIGSERIAL NOT NULL, 
    fileloc VARCHAR(2000) NOT NULL, 
    last_updated TIMESTAMP WITH TIME ZONE NOT NULL, 
    source_code TEXT NOT NULL, 
    CONSTRAINT dag_code_pkey PRIMARY KEY (fileloc_hash)
);

CREATE TABLE dag_pickle (
    id SERIAL NOT NULL, 
    pickle BYTEA, 
    created_dttm TIMESTAMP WITH TIME ZONE, 
    pickle_hash BIGINT, 
    CONSTRAINT dag_pickle_pkey PRIMARY KEY (id)
);

CREATE TABLE dataset (
    id SERIAL NOT NULL, 
    uri VARCHAR(3000) NOT NULL, 
    extra JSON NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    is_orphaned BOOLEAN DEFAULT (false) NOT NULL, 
    CONSTRAINT dataset_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX idx_uri_unique ON dataset (uri);

CREATE TABLE dataset_event (
    id SERIAL NOT NULL, 
    dataset_id INTEGER NOT NULL, 
    extra JSON NOT NULL, 
    timestamp TIMESTAMP WITH TIME ZONE NOT NULL, 
    source_task_id VARCHAR(250), 
    source_dag_id VARCHAR(250), 
    source_run_id VARCHAR(250), 
    source_map_index INTEGER DEFAULT '-1', 
    CONSTRAINT dataset_event_pkey PRIMARY KEY (id)
);

CREATE INDEX idx_dataset_id_timestamp ON dataset_event (dataset_id, timestamp);

CREATE TABLE import_error (
    id SERIAL NOT NULL, 
    timestamp TIMESTAMP WITH TIME ZONE, 
    filename VARCHAR(1024), 
    stacktrace TEXT, 
    CONSTRAINT import_error_pkey PRIMARY KEY (id)
);

CREATE TABLE job (
    id SERIAL NOT NULL, 
    dag_id VARCHAR(250), 
    state VARCHAR(20), 
    job_type VARCHAR(30), 
    start_date TIMESTAMP WITH TIME ZONE, 
    end_date TIMESTAMP WITH TIME ZONE, 
    latest_heartbeat TIMESTAMP WITH TIME ZONE, 
    executor_class VARCHAR(500), 
    hostname VARCHAR(500), 
    unixname VARCHAR(1000), 
    CONSTRAINT job_pkey PRIMARY KEY (id)
);

CREATE INDEX idx_job_dag_id ON job (dag_id);

CREATE INDEX idx_job_state_heartbeat ON job (state, latest_heartbeat);

CREATE INDEX job_type_heart ON job (job_type, latest_heartbeat);

CREATE TABLE log (
    id SERIAL NOT NULL, 
    dttm TIMESTAMP WITH TIME ZONE, 
    dag_id VARCHAR(250), 
    task_id VARCHAR(250), 
    map_index INTEGER, 
    event VARCHAR(30), 
    execution_date TIMESTAMP WITH TIME ZONE, 
    owner VARCHAR(500), 
    extra TEXT, 
    CONSTRAINT log_pkey PRIMARY KEY (id)
);

CREATE INDEX idx_log_dag ON log (dag_id);

CREATE INDEX idx_log_dttm ON log (dttm);

CREATE INDEX idx_log_event ON log (event);

CREATE TABLE log_template (
    id SERIAL NOT NULL, 
    filename TEXT NOT NULL, 
    elasticsearch_id TEXT NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT log_template_pkey PRIMARY KEY (id)
);

CREATE TABLE serialized_dag (
    dag_id VARCHAR(250) NOT NULL, 
    fileloc VARCHAR(2000) NOT NULL, 
    fileloc_hash BIGINT NOT NULL, 
    last_updated TIMESTAMP WITH TIME ZONE NOT NULL, 
    dag_hash VARCHAR(32) NOT NULL, 
    data JSON, 
    data_compressed BYTEA, 
    processor_subdir VARCHAR(2000), 
    CONSTRAINT serialized_dag_pkey PRIMARY KEY (dag_id)
);

CREATE INDEX idx_fileloc_hash ON serialized_dag (fileloc_hash);

CREATE TABLE slot_pool (
    id SERIAL NOT NULL, 
    pool VARCHAR(256), 
    slots INTEGER, 
    description TEXT, 
    CONSTRAINT slot_pool_pkey PRIMARY KEY (id), 
    CONSTRAINT slot_pool_pool_uq UNIQUE (pool)
);

CREATE TABLE trigger (
    id SERIAL NOT NULL, 
    classpath VARCHAR(1000) NOT NULL, 
    kwargs JSON NOT NULL, 
    created_date TIMESTAMP WITH TIME ZONE NOT NULL, 
    triggerer_id INTEGER, 
    CONSTRAINT trigger_pkey PRIMARY KEY (id)
);

CREATE TABLE variable (
    id SERIAL NOT NULL, 
    key VARCHAR(250), 
    val TEXT, 
    description TEXT, 
    is_encrypted BOOLEAN, 
    CONSTRAINT variable_pkey PRIMARY KEY (id), 
    CONSTRAINT variable_key_uq UNIQUE (key)
);

CREATE TABLE ab_permission_view (
    id SERIAL NOT NULL, 
    permission_id INTEGER, 
    view_menu_id INTEGER, 
    CONSTRAINT ab_permission_view_pkey PRIMARY KEY (id), 
    CONSTRAINT ab_permission_view_permission_id_fkey FOREIGN KEY(permission_id) REFERENCES ab_permission (id), 
    CONSTRAINT ab_permission_view_view_menu_id_fkey FOREIGN KEY(view_menu_id) REFERENCES ab_view_menu (id), 
    CONSTRAINT ab_permission_view_permission_id_view_menu_id_uq UNIQUE (permission_id, view_menu_id)
);

CREATE TABLE ab_user_role (
    id SERIAL NOT NULL, 
    user_id INTEGER, 
    role_id INTEGER, 
    CONSTRAINT ab_user_role_pkey PRIMARY KEY (id), 
    CONSTRAINT ab_user_role_role_id_fkey FOREIGN KEY(role_id) REFERENCES ab_role (id), 
    CONSTRAINT ab_user_role_user_id_fkey FOREIGN KEY(user_id) REFERENCES ab_user (id), 
    CONSTRAINT ab_user_role_user_id_role_id_uq UNIQUE (user_id, role_id)
);

CREATE TABLE dag_owner_attributes (
    dag_id VARCHAR(250) NOT NULL, 
    owner VARCHAR(500) NOT NULL, 
    link VARCHAR(500) NOT NULL, 
    CONSTRAINT dag_owner_attributes_pkey PRIMARY KEY (dag_id, owner), 
    CONSTRAINT "dag.dag_id" FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE TABLE dag_run (
    id SERIAL NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    execution_date TIMESTAMP WITH TIME ZONE NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    run_type VARCHAR(50) NOT NULL, 
    queued_at TIMESTAMP WITH TIME ZONE, 
    start_date TIMESTAMP WITH TIME ZONE, 
    end_date TIMESTAMP WITH TIME ZONE, 
    state VARCHAR(50), 
    creating_job_id INTEGER, 
    external_trigger BOOLEAN, 
    conf BYTEA, 
    data_interval_start TIMESTAMP WITH TIME ZONE, 
    data_interval_end TIMESTAMP WITH TIME ZONE, 
    last_scheduling_decision TIMESTAMP WITH TIME ZONE, 
    dag_hash VARCHAR(32), 
    log_template_id INTEGER, 
    updated_at TIMESTAMP WITH TIME ZONE, 
    CONSTRAINT dag_run_pkey PRIMARY KEY (id), 
    CONSTRAINT task_instance_log_template_id_fkey FOREIGN KEY(log_template_id) REFERENCES log_template (id), 
    CONSTRAINT dag_run_dag_id_execution_date_key UNIQUE (dag_id, execution_date), 
    CONSTRAINT dag_run_dag_id_run_id_key UNIQUE (dag_id, run_id)
);

CREATE INDEX dag_id_state ON dag_run (dag_id, state);

CREATE INDEX idx_dag_run_dag_id ON dag_run (dag_id);

CREATE INDEX idx_dag_run_queued_dags ON dag_run (state, dag_id);

CREATE INDEX idx_dag_run_running_dags ON dag_run (state, dag_id);

CREATE INDEX idx_last_scheduling_decision ON dag_run (last_scheduling_decision);

CREATE TABLE dag_schedule_dataset_reference (
    dataset_id INTEGER NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT dsdr_pkey PRIMARY KEY (dataset_id, dag_id), 
    CONSTRAINT dsdr_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE, 
    CONSTRAINT dsdr_dataset_fkey FOREIGN KEY(dataset_id) REFERENCES dataset (id) ON DELETE CASCADE
);

CREATE TABLE dag_tag (
    name VARCHAR(100) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    CONSTRAINT dag_tag_pkey PRIMARY KEY (name, dag_id), 
    CONSTRAINT dag_tag_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE TABLE dag_warning (
    dag_id VARCHAR(250) NOT NULL, 
    warning_type VARCHAR(50) NOT NULL, 
    message TEXT NOT NULL, 
    timestamp TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT dag_warning_pkey PRIMARY KEY (dag_id, warning_type), 
    CONSTRAINT dcw_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE TABLE dataset_dag_run_queue (
    dataset_id INTEGER NOT NULL, 
    target_dag_id VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT datasetdagrunqueue_pkey PRIMARY KEY (dataset_id, target_dag_id), 
    CONSTRAINT ddrq_dataset_fkey FOREIGN KEY(dataset_id) REFERENCES dataset (id) ON DELETE CASCADE, 
    CONSTRAINT ddrq_dag_fkey FOREIGN KEY(target_dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE TABLE task_outlet_dataset_reference (
    dataset_id INTEGER NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    task_id VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT todr_pkey PRIMARY KEY (dataset_id, dag_id, task_id), 
    CONSTRAINT todr_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE, 
    CONSTRAINT todr_dataset_fkey FOREIGN KEY(dataset_id) REFERENCES dataset (id) ON DELETE CASCADE
);

CREATE TABLE ab_permission_view_role (
    id SERIAL NOT NULL, 
    permission_view_id INTEGER, 
    role_id INTEGER, 
    CONSTRAINT ab_permission_view_role_pkey PRIMARY KEY (id), 
    CONSTRAINT ab_permission_view_role_permission_view_id_fkey FOREIGN KEY(permission_view_id) REFERENCES ab_permission_view (id), 
    CONSTRAINT ab_permission_view_role_role_id_fkey FOREIGN KEY(role_id) REFERENCES ab_role (id), 
    CONSTRAINT ab_permission_view_role_permission_view_id_role_id_uq UNIQUE (permission_view_id, role_id)
);

CREATE TABLE dag_run_note (
    dag_run_id INTEGER NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    user_id INTEGER, 
    content VARCHAR(1000), 
    CONSTRAINT dag_run_note_pkey PRIMARY KEY (dag_run_id), 
    CONSTRAINT dag_run_note_dr_fkey FOREIGN KEY(dag_run_id) REFERENCES dag_run (id) ON DELETE CASCADE, 
    CONSTRAINT dag_run_note_user_fkey FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

CREATE TABLE dagrun_dataset_event (
    dag_run_id INTEGER NOT NULL, 
    event_id INTEGER NOT NULL, 
    CONSTRAINT dagrun_dataset_event_pkey PRIMARY KEY (dag_run_id, event_id), 
    CONSTRAINT dagrun_dataset_event_dag_run_id_fkey FOREIGN KEY(dag_run_id) REFERENCES dag_run (id) ON DELETE CASCADE, 
    CONSTRAINT dagrun_dataset_event_event_id_fkey FOREIGN KEY(event_id) REFERENCES dataset_event (id) ON DELETE CASCADE
);

CREATE INDEX idx_dagrun_dataset_events_dag_run_id ON dagrun_dataset_event (dag_run_id);

CREATE INDEX idx_dagrun_dataset_events_event_id ON dagrun_dataset_event (event_id);

CREATE TABLE task_instance (
    task_id VARCHAR(250) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    map_index INTEGER DEFAULT '-1' NOT NULL, 
    pool VARCHAR(256) NOT NULL, 
    pool_slots INTEGER NOT NULL, 
    start_date TIMESTAMP WITH TIME ZONE, 
    end_date TIMESTAMP WITH TIME ZONE, 
    duration FLOAT, 
    state VARCHAR(20), 
    try_number INTEGER, 
    max_tries INTEGER DEFAULT '-1', 
    hostname VARCHAR(1000), 
    unixname VARCHAR(1000), 
    job_id INTEGER, 
    queue VARCHAR(256), 
    priority_weight INTEGER, 
    operator VARCHAR(1000), 
    queued_dttm TIMESTAMP WITH TIME ZONE, 
    queued_by_job_id INTEGER, 
    pid INTEGER, 
    executor_config BYTEA, 
    updated_at TIMESTAMP WITH TIME ZONE, 
    external_executor_id VARCHAR(250), 
    trigger_id INTEGER, 
    trigger_timeout TIMESTAMP WITH TIME ZONE, 
    next_method VARCHAR(1000), 
    next_kwargs JSONB, 
    CONSTRAINT task_instance_pkey PRIMARY KEY (dag_id, task_id, run_id, map_index), 
    CONSTRAINT task_instance_dag_run_fkey FOREIGN KEY(dag_id, run_id) REFERENCES dag_run (dag_id, run_id) ON DELETE CASCADE, 
    CONSTRAINT task_instance_trigger_id_fkey FOREIGN KEY(trigger_id) REFERENCES trigger (id) ON DELETE CASCADE
);

CREATE INDEX ti_dag_run ON task_instance (dag_id, run_id);

CREATE INDEX ti_dag_state ON task_instance (dag_id, state);

CREATE INDEX ti_job_id ON task_instance (job_id);

CREATE INDEX ti_pool ON task_instance (pool, state, priority_weight);

CREATE INDEX ti_state ON task_instance (state);

CREATE INDEX ti_state_lkp ON task_instance (dag_id, task_id, run_id, state);

CREATE INDEX ti_trigger_id ON task_instance (trigger_id);

CREATE TABLE rendered_task_instance_fields (
    dag_id VARCHAR(250) NOT NULL, 
    task_id VARCHAR(250) NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    map_index INTEGER DEFAULT '-1' NOT NULL, 
    rendered_fields JSON NOT NULL, 
    k8s_pod_yaml JSON, 
    CONSTRAINT rendered_task_instance_fields_pkey PRIMARY KEY (dag_id, task_id, run_id, map_index), 
    CONSTRAINT rtif_ti_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE
);

CREATE TABLE task_fail (
    id SERIAL NOT NULL, 
    task_id VARCHAR(250) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    map_index INTEGER DEFAULT '-1' NOT NULL, 
    start_date TIMESTAMP WITH TIME ZONE, 
    end_date TIMESTAMP WITH TIME ZONE, 
    duration INTEGER, 
    CONSTRAINT task_fail_pkey PRIMARY KEY (id), 
    CONSTRAINT task_fail_ti_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE
);

CREATE INDEX idx_task_fail_task_instance ON task_fail (dag_id, task_id, run_id, map_index);

CREATE TABLE task_instance_note (
    task_id VARCHAR(250) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    map_index INTEGER NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    user_id INTEGER, 
    content VARCHAR(1000), 
    CONSTRAINT task_instance_note_pkey PRIMARY KEY (task_id, dag_id, run_id, map_index), 
    CONSTRAINT task_instance_note_ti_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE, 
    CONSTRAINT task_instance_note_user_fkey FOREIGN KEY(user_id) REFERENCES ab_user (id)
);

CREATE TABLE task_map (
    dag_id VARCHAR(250) NOT NULL, 
    task_id VARCHAR(250) NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    map_index INTEGER NOT NULL, 
    length INTEGER NOT NULL, 
    keys JSONB, 
    CONSTRAINT task_map_pkey PRIMARY KEY (dag_id, task_id, run_id, map_index), 
    CONSTRAINT ck_task_map_task_map_length_not_negative CHECK (length >= 0), 
    CONSTRAINT task_map_task_instance_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE TABLE task_reschedule (
    id SERIAL NOT NULL, 
    task_id VARCHAR(250) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    map_index INTEGER DEFAULT '-1' NOT NULL, 
    try_number INTEGER NOT NULL, 
    start_date TIMESTAMP WITH TIME ZONE NOT NULL, 
    end_date TIMESTAMP WITH TIME ZONE NOT NULL, 
    duration INTEGER NOT NULL, 
    reschedule_date TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT task_reschedule_pkey PRIMARY KEY (id), 
    CONSTRAINT task_reschedule_dr_fkey FOREIGN KEY(dag_id, run_id) REFERENCES dag_run (dag_id, run_id) ON DELETE CASCADE, 
    CONSTRAINT task_reschedule_ti_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE
);

CREATE INDEX idx_task_reschedule_dag_run ON task_reschedule (dag_id, run_id);

CREATE INDEX idx_task_reschedule_dag_task_run ON task_reschedule (dag_id, task_id, run_id, map_index);

CREATE TABLE xcom (
    dag_run_id INTEGER NOT NULL, 
    task_id VARCHAR(250) NOT NULL, 
    map_index INTEGER DEFAULT '-1' NOT NULL, 
    key VARCHAR(512) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    timestamp TIMESTAMP WITH TIME ZONE NOT NULL, 
    value BYTEA, 
    CONSTRAINT xcom_pkey PRIMARY KEY (dag_run_id, task_id, map_index, key), 
    CONSTRAINT xcom_task_instance_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE
);

CREATE INDEX idx_xcom_key ON xcom (key);

CREATE INDEX idx_xcom_task_instance ON xcom (dag_id, task_id, run_id, map_index);

INSERT INTO log_template (filename, elasticsearch_id, created_at) VALUES ('{{ ti.dag_id }}/{{ ti.task_id }}/{{ ts }}/{{ try_number }}.log', '{dag_id}-{task_id}-{execution_date}-{try_number}', '2026-12-06 12:26:59.361586+00:00');

INSERT INTO log_template (filename, elasticsearch_id, created_at) VALUES ('dag_id={{ ti.dag_id }}/run_id={{ ti.run_id }}/task_id={{ ti.task_id }}/{% if ti.map_index >= 0 %}map_index={{ ti.map_index }}/{% endif %}attempt={{ try_number }}.log', '{dag_id}-{task_id}-{run_id}-{map_index}-{try_number}', '2026-12-06 12:26:59.361593+00:00');

INSERT INTO slot_pool (id, pool, slots, description) VALUES (1, 'default_pool', 128, 'Default pool');
