-- alembic-to-sql: Alembic revision d482b7261ff9 (Add task_instance_history.)
-- revises: c4602ba06b4b
-- from: migrations/versions/0021_2_10_0_add_task_instance_history.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE task_instance_history (
    id SERIAL NOT NULL, 
    task_id VARCHAR(250) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    map_index INTEGER DEFAULT -1 NOT NULL, 
    try_number INTEGER NOT NULL, 
    start_date TIMESTAMP WITH TIME ZONE, 
    end_date TIMESTAMP WITH TIME ZONE, 
    duration FLOAT, 
    state VARCHAR(20), 
    max_tries INTEGER DEFAULT -1, 
    hostname VARCHAR(1000), 
    unixname VARCHAR(1000), 
    job_id INTEGER, 
    pool VARCHAR(256) NOT NULL, 
    pool_slots INTEGER NOT NULL, 
    queue VARCHAR(256), 
    priority_weight INTEGER, 
    operator VARCHAR(1000), 
    custom_operator_name VARCHAR(1000), 
    queued_dttm TIMESTAMP WITH TIME ZONE, 
    queued_by_job_id INTEGER, 
    pid INTEGER, 
    executor VARCHAR(1000), 
    executor_config BYTEA, 
    updated_at TIMESTAMP WITH TIME ZONE, 
    rendered_map_index VARCHAR(250), 
    external_executor_id VARCHAR(250), 
    trigger_id INTEGER, 
    trigger_timeout TIMESTAMP WITHOUT TIME ZONE, 
    next_method VARCHAR(1000), 
    next_kwargs JSONB, 
    task_display_name VARCHAR(2000), 
    CONSTRAINT task_instance_history_pkey PRIMARY KEY (id), 
    CONSTRAINT task_instance_history_ti_fkey FOREIGN KEY(dag_id, task_id, run_id, map_index) REFERENCES task_instance (dag_id, task_id, run_id, map_index) ON DELETE CASCADE ON UPDATE CASCADE, 
    CONSTRAINT task_instance_history_dtrt_uq UNIQUE (dag_id, task_id, run_id, map_index, try_number)
);
