ALTER SEQUENCE public.ab_permission_id_seq OWNED BY public.ab_permission.id;

ALTER SEQUENCE public.ab_permission_view_id_seq OWNED BY public.ab_permission_view.id;

ALTER SEQUENCE public.ab_permission_view_role_id_seq OWNED BY public.ab_permission_view_role.id;

ALTER SEQUENCE public.ab_register_user_id_seq OWNED BY public.ab_register_user.id;

ALTER SEQUENCE public.ab_role_id_seq OWNED BY public.ab_role.id;

ALTER SEQUENCE public.ab_user_id_seq OWNED BY public.ab_user.id;

ALTER SEQUENCE public.ab_user_role_id_seq OWNED BY public.ab_user_role.id;

ALTER SEQUENCE public.ab_view_menu_id_seq OWNED BY public.ab_view_menu.id;

ALTER SEQUENCE public.asset_partition_dag_run_id_seq OWNED BY public.asset_partition_dag_run.id;

ALTER SEQUENCE public.backfill_dag_run_id_seq OWNED BY public.backfill_dag_run.id;

ALTER SEQUENCE public.backfill_id_seq OWNED BY public.backfill.id;

ALTER SEQUENCE public.connection_id_seq OWNED BY public.connection.id;

ALTER SEQUENCE public.dag_run_id_seq OWNED BY public.dag_run.id;

ALTER SEQUENCE public.dataset_alias_id_seq OWNED BY public.asset_alias.id;

ALTER SEQUENCE public.dataset_event_id_seq OWNED BY public.asset_event.id;

ALTER SEQUENCE public.dataset_id_seq OWNED BY public.asset.id;

ALTER SEQUENCE public.import_error_id_seq OWNED BY public.import_error.id;

ALTER SEQUENCE public.job_id_seq OWNED BY public.job.id;

ALTER SEQUENCE public.log_id_seq OWNED BY public.log.id;

ALTER SEQUENCE public.log_template_id_seq OWNED BY public.log_template.id;

ALTER SEQUENCE public.partitioned_asset_key_log_id_seq OWNED BY public.partitioned_asset_key_log.id;

ALTER SEQUENCE public.slot_pool_id_seq OWNED BY public.slot_pool.id;

ALTER SEQUENCE public.task_reschedule_id_seq OWNED BY public.task_reschedule.id;

ALTER SEQUENCE public.task_state_store_id_seq OWNED BY public.task_state_store.id;

ALTER SEQUENCE public.trigger_id_seq OWNED BY public.trigger.id;

ALTER SEQUENCE public.variable_id_seq OWNED BY public.variable.id;

ALTER TABLE ONLY public._xcom_archive
    ADD CONSTRAINT _xcom_archive_pkey PRIMARY KEY (dag_run_id, task_id, map_index, key);

ALTER TABLE ONLY public.ab_permission
    ADD CONSTRAINT ab_permission_name_uq UNIQUE (name);

ALTER TABLE ONLY public.ab_permission
    ADD CONSTRAINT ab_permission_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ab_permission ALTER COLUMN id SET DEFAULT nextval('public.ab_permission_id_seq'::regclass);

ALTER TABLE ONLY public.ab_permission_view
    ADD CONSTRAINT ab_permission_view_permission_id_fkey FOREIGN KEY (permission_id) REFERENCES public.ab_permission(id);

ALTER TABLE ONLY public.ab_permission_view
    ADD CONSTRAINT ab_permission_view_permission_id_view_menu_id_uq UNIQUE (permission_id, view_menu_id);

ALTER TABLE ONLY public.ab_permission_view
    ADD CONSTRAINT ab_permission_view_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ab_permission_view
    ADD CONSTRAINT ab_permission_view_view_menu_id_fkey FOREIGN KEY (view_menu_id) REFERENCES public.ab_view_menu(id);

ALTER TABLE ONLY public.ab_permission_view ALTER COLUMN id SET DEFAULT nextval('public.ab_permission_view_id_seq'::regclass);

ALTER TABLE ONLY public.ab_permission_view_role
    ADD CONSTRAINT ab_permission_view_role_permission_view_id_fkey FOREIGN KEY (permission_view_id) REFERENCES public.ab_permission_view(id);

ALTER TABLE ONLY public.ab_permission_view_role
    ADD CONSTRAINT ab_permission_view_role_permission_view_id_role_id_uq UNIQUE (permission_view_id, role_id);

ALTER TABLE ONLY public.ab_permission_view_role
    ADD CONSTRAINT ab_permission_view_role_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ab_permission_view_role
    ADD CONSTRAINT ab_permission_view_role_role_id_fkey FOREIGN KEY (role_id) REFERENCES public.ab_role(id);

ALTER TABLE ONLY public.ab_permission_view_role ALTER COLUMN id SET DEFAULT nextval('public.ab_permission_view_role_id_seq'::regclass);

ALTER TABLE ONLY public.ab_register_user
    ADD CONSTRAINT ab_register_user_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ab_register_user
    ADD CONSTRAINT ab_register_user_username_uq UNIQUE (username);

ALTER TABLE ONLY public.ab_register_user ALTER COLUMN id SET DEFAULT nextval('public.ab_register_user_id_seq'::regclass);

ALTER TABLE ONLY public.ab_role
    ADD CONSTRAINT ab_role_name_uq UNIQUE (name);

ALTER TABLE ONLY public.ab_role
    ADD CONSTRAINT ab_role_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ab_role ALTER COLUMN id SET DEFAULT nextval('public.ab_role_id_seq'::regclass);

ALTER TABLE ONLY public.ab_user
    ADD CONSTRAINT ab_user_changed_by_fk_fkey FOREIGN KEY (changed_by_fk) REFERENCES public.ab_user(id);

ALTER TABLE ONLY public.ab_user
    ADD CONSTRAINT ab_user_created_by_fk_fkey FOREIGN KEY (created_by_fk) REFERENCES public.ab_user(id);

ALTER TABLE ONLY public.ab_user
    ADD CONSTRAINT ab_user_email_uq UNIQUE (email);

ALTER TABLE ONLY public.ab_user
    ADD CONSTRAINT ab_user_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ab_user
    ADD CONSTRAINT ab_user_username_uq UNIQUE (username);

ALTER TABLE ONLY public.ab_user ALTER COLUMN id SET DEFAULT nextval('public.ab_user_id_seq'::regclass);

ALTER TABLE ONLY public.ab_user_role
    ADD CONSTRAINT ab_user_role_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ab_user_role
    ADD CONSTRAINT ab_user_role_role_id_fkey FOREIGN KEY (role_id) REFERENCES public.ab_role(id);

ALTER TABLE ONLY public.ab_user_role
    ADD CONSTRAINT ab_user_role_user_id_fkey FOREIGN KEY (user_id) REFERENCES public.ab_user(id);

ALTER TABLE ONLY public.ab_user_role
    ADD CONSTRAINT ab_user_role_user_id_role_id_uq UNIQUE (user_id, role_id);

ALTER TABLE ONLY public.ab_user_role ALTER COLUMN id SET DEFAULT nextval('public.ab_user_role_id_seq'::regclass);

ALTER TABLE ONLY public.ab_view_menu
    ADD CONSTRAINT ab_view_menu_name_uq UNIQUE (name);

ALTER TABLE ONLY public.ab_view_menu
    ADD CONSTRAINT ab_view_menu_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ab_view_menu ALTER COLUMN id SET DEFAULT nextval('public.ab_view_menu_id_seq'::regclass);

ALTER TABLE ONLY public.asset
    ADD CONSTRAINT dataset_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.asset ALTER COLUMN id SET DEFAULT nextval('public.dataset_id_seq'::regclass);

ALTER TABLE ONLY public.asset_active
    ADD CONSTRAINT asset_active_asset_name_uri_fkey FOREIGN KEY (name, uri) REFERENCES public.asset(name, uri) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_active
    ADD CONSTRAINT asset_active_pkey PRIMARY KEY (name, uri);

ALTER TABLE ONLY public.asset_alias
    ADD CONSTRAINT dataset_alias_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.asset_alias ALTER COLUMN id SET DEFAULT nextval('public.dataset_alias_id_seq'::regclass);

ALTER TABLE ONLY public.asset_alias_asset
    ADD CONSTRAINT asset_alias_asset_alias_id_fkey FOREIGN KEY (alias_id) REFERENCES public.asset_alias(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_alias_asset
    ADD CONSTRAINT asset_alias_asset_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES public.asset(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_alias_asset
    ADD CONSTRAINT asset_alias_asset_pkey PRIMARY KEY (alias_id, asset_id);

ALTER TABLE ONLY public.asset_alias_asset_event
    ADD CONSTRAINT asset_alias_asset_event_alias_id_fkey FOREIGN KEY (alias_id) REFERENCES public.asset_alias(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_alias_asset_event
    ADD CONSTRAINT asset_alias_asset_event_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.asset_event(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_alias_asset_event
    ADD CONSTRAINT dataset_alias_dataset_event_pkey PRIMARY KEY (alias_id, event_id);

ALTER TABLE ONLY public.asset_dag_run_queue
    ADD CONSTRAINT adrq_asset_fkey FOREIGN KEY (asset_id) REFERENCES public.asset(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_dag_run_queue
    ADD CONSTRAINT adrq_dag_fkey FOREIGN KEY (target_dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_dag_run_queue
    ADD CONSTRAINT assetdagrunqueue_pkey PRIMARY KEY (asset_id, target_dag_id);

ALTER TABLE ONLY public.asset_event
    ADD CONSTRAINT dataset_event_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.asset_event ALTER COLUMN id SET DEFAULT nextval('public.dataset_event_id_seq'::regclass);

ALTER TABLE ONLY public.asset_partition_dag_run
    ADD CONSTRAINT apdr_created_dag_run_id_fkey FOREIGN KEY (created_dag_run_id) REFERENCES public.dag_run(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_partition_dag_run
    ADD CONSTRAINT asset_partition_dag_run_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.asset_partition_dag_run ALTER COLUMN id SET DEFAULT nextval('public.asset_partition_dag_run_id_seq'::regclass);

ALTER TABLE ONLY public.asset_state_store
    ADD CONSTRAINT asset_state_store_asset_fkey FOREIGN KEY (asset_id) REFERENCES public.asset(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_state_store
    ADD CONSTRAINT asset_state_store_pkey PRIMARY KEY (asset_id, key);

ALTER TABLE ONLY public.asset_watcher
    ADD CONSTRAINT asset_watcher_pkey PRIMARY KEY (asset_id, trigger_id);

ALTER TABLE ONLY public.asset_watcher
    ADD CONSTRAINT awm_asset_id_fkey FOREIGN KEY (asset_id) REFERENCES public.asset(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.asset_watcher
    ADD CONSTRAINT awm_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES public.trigger(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.backfill
    ADD CONSTRAINT backfill_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.backfill ALTER COLUMN id SET DEFAULT nextval('public.backfill_id_seq'::regclass);

ALTER TABLE ONLY public.backfill_dag_run
    ADD CONSTRAINT backfill_dag_run_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.backfill_dag_run
    ADD CONSTRAINT bdr_backfill_fkey FOREIGN KEY (backfill_id) REFERENCES public.backfill(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.backfill_dag_run
    ADD CONSTRAINT bdr_dag_run_fkey FOREIGN KEY (dag_run_id) REFERENCES public.dag_run(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.backfill_dag_run
    ADD CONSTRAINT ix_bdr_backfill_id_dag_run_id UNIQUE (backfill_id, dag_run_id);

ALTER TABLE ONLY public.backfill_dag_run ALTER COLUMN id SET DEFAULT nextval('public.backfill_dag_run_id_seq'::regclass);

ALTER TABLE ONLY public.callback
    ADD CONSTRAINT callback_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.callback
    ADD CONSTRAINT callback_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES public.trigger(id);

ALTER TABLE ONLY public.connection
    ADD CONSTRAINT connection_conn_id_uq UNIQUE (conn_id);

ALTER TABLE ONLY public.connection
    ADD CONSTRAINT connection_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.connection
    ADD CONSTRAINT connection_team_name_fkey FOREIGN KEY (team_name) REFERENCES public.team(name) ON DELETE SET NULL;

ALTER TABLE ONLY public.connection ALTER COLUMN id SET DEFAULT nextval('public.connection_id_seq'::regclass);

ALTER TABLE ONLY public.connection_test_request
    ADD CONSTRAINT connection_test_request_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.connection_test_request
    ADD CONSTRAINT connection_test_request_token_uq UNIQUE (token);

ALTER TABLE ONLY public.connection_test_request
    ADD CONSTRAINT uq_connection_test_request_active_conn UNIQUE (active_connection_id);

ALTER TABLE ONLY public.dag
    ADD CONSTRAINT dag_bundle_name_fkey FOREIGN KEY (bundle_name) REFERENCES public.dag_bundle(name);

ALTER TABLE ONLY public.dag
    ADD CONSTRAINT dag_pkey PRIMARY KEY (dag_id);

ALTER TABLE ONLY public.dag_bundle
    ADD CONSTRAINT dag_bundle_pkey PRIMARY KEY (name);

ALTER TABLE ONLY public.dag_bundle_team
    ADD CONSTRAINT dag_bundle_team_dag_bundle_name_fkey FOREIGN KEY (dag_bundle_name) REFERENCES public.dag_bundle(name) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_bundle_team
    ADD CONSTRAINT dag_bundle_team_pkey PRIMARY KEY (dag_bundle_name, team_name);

ALTER TABLE ONLY public.dag_bundle_team
    ADD CONSTRAINT dag_bundle_team_team_name_fkey FOREIGN KEY (team_name) REFERENCES public.team(name) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_code
    ADD CONSTRAINT dag_code_dag_version_id_fkey FOREIGN KEY (dag_version_id) REFERENCES public.dag_version(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_code
    ADD CONSTRAINT dag_code_dag_version_id_uq UNIQUE (dag_version_id);

ALTER TABLE ONLY public.dag_code
    ADD CONSTRAINT dag_code_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.dag_favorite
    ADD CONSTRAINT dag_favorite_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_favorite
    ADD CONSTRAINT dag_favorite_pkey PRIMARY KEY (user_id, dag_id);

ALTER TABLE ONLY public.dag_owner_attributes
    ADD CONSTRAINT "dag.dag_id" FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_owner_attributes
    ADD CONSTRAINT dag_owner_attributes_pkey PRIMARY KEY (dag_id, owner);

ALTER TABLE ONLY public.dag_priority_parsing_request
    ADD CONSTRAINT dag_priority_parsing_request_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.dag_run
    ADD CONSTRAINT created_dag_version_id_fkey FOREIGN KEY (created_dag_version_id) REFERENCES public.dag_version(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.dag_run
    ADD CONSTRAINT dag_run_backfill_id_fkey FOREIGN KEY (backfill_id) REFERENCES public.backfill(id);

ALTER TABLE ONLY public.dag_run
    ADD CONSTRAINT dag_run_dag_id_logical_date_key UNIQUE (dag_id, logical_date);

ALTER TABLE ONLY public.dag_run
    ADD CONSTRAINT dag_run_dag_id_run_id_key UNIQUE (dag_id, run_id);

ALTER TABLE ONLY public.dag_run
    ADD CONSTRAINT dag_run_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.dag_run
    ADD CONSTRAINT task_instance_log_template_id_fkey FOREIGN KEY (log_template_id) REFERENCES public.log_template(id);

ALTER TABLE ONLY public.dag_run ALTER COLUMN id SET DEFAULT nextval('public.dag_run_id_seq'::regclass);

ALTER TABLE ONLY public.dag_run_note
    ADD CONSTRAINT dag_run_note_dr_fkey FOREIGN KEY (dag_run_id) REFERENCES public.dag_run(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_run_note
    ADD CONSTRAINT dag_run_note_pkey PRIMARY KEY (dag_run_id);

ALTER TABLE ONLY public.dag_schedule_asset_alias_reference
    ADD CONSTRAINT dsaar_asset_alias_fkey FOREIGN KEY (alias_id) REFERENCES public.asset_alias(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_schedule_asset_alias_reference
    ADD CONSTRAINT dsaar_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_schedule_asset_alias_reference
    ADD CONSTRAINT dsaar_pkey PRIMARY KEY (alias_id, dag_id);

ALTER TABLE ONLY public.dag_schedule_asset_name_reference
    ADD CONSTRAINT dsanr_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_schedule_asset_name_reference
    ADD CONSTRAINT dsanr_pkey PRIMARY KEY (name, dag_id);

ALTER TABLE ONLY public.dag_schedule_asset_reference
    ADD CONSTRAINT dsar_asset_fkey FOREIGN KEY (asset_id) REFERENCES public.asset(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_schedule_asset_reference
    ADD CONSTRAINT dsar_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_schedule_asset_reference
    ADD CONSTRAINT dsar_pkey PRIMARY KEY (asset_id, dag_id);

ALTER TABLE ONLY public.dag_schedule_asset_uri_reference
    ADD CONSTRAINT dsaur_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_schedule_asset_uri_reference
    ADD CONSTRAINT dsaur_pkey PRIMARY KEY (uri, dag_id);

ALTER TABLE ONLY public.dag_tag
    ADD CONSTRAINT dag_tag_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_tag
    ADD CONSTRAINT dag_tag_pkey PRIMARY KEY (name, dag_id);

ALTER TABLE ONLY public.dag_version
    ADD CONSTRAINT dag_id_v_name_v_number_unique_constraint UNIQUE (dag_id, version_number);

ALTER TABLE ONLY public.dag_version
    ADD CONSTRAINT dag_version_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dag_version
    ADD CONSTRAINT dag_version_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.dag_warning
    ADD CONSTRAINT dag_warning_pkey PRIMARY KEY (dag_id, warning_type);

ALTER TABLE ONLY public.dag_warning
    ADD CONSTRAINT dcw_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dagrun_asset_event
    ADD CONSTRAINT dagrun_asset_event_dag_run_id_fkey FOREIGN KEY (dag_run_id) REFERENCES public.dag_run(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dagrun_asset_event
    ADD CONSTRAINT dagrun_asset_event_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.asset_event(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.dagrun_asset_event
    ADD CONSTRAINT dagrun_asset_event_pkey PRIMARY KEY (event_id, dag_run_id);

ALTER TABLE ONLY public.deadline
    ADD CONSTRAINT deadline_callback_id_fkey FOREIGN KEY (callback_id) REFERENCES public.callback(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.deadline
    ADD CONSTRAINT deadline_dagrun_id_fkey FOREIGN KEY (dagrun_id) REFERENCES public.dag_run(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.deadline
    ADD CONSTRAINT deadline_deadline_alert_id_fkey FOREIGN KEY (deadline_alert_id) REFERENCES public.deadline_alert(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.deadline
    ADD CONSTRAINT deadline_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.deadline_alert
    ADD CONSTRAINT deadline_alert_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.deadline_alert
    ADD CONSTRAINT deadline_alert_serialized_dag_id_fkey FOREIGN KEY (serialized_dag_id) REFERENCES public.serialized_dag(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.hitl_detail
    ADD CONSTRAINT hitl_detail_pkey PRIMARY KEY (ti_id);

ALTER TABLE ONLY public.hitl_detail
    ADD CONSTRAINT hitl_detail_ti_fkey FOREIGN KEY (ti_id) REFERENCES public.task_instance(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.hitl_detail_history
    ADD CONSTRAINT hitl_detail_history_pkey PRIMARY KEY (ti_history_id);

ALTER TABLE ONLY public.hitl_detail_history
    ADD CONSTRAINT hitl_detail_history_tih_fkey FOREIGN KEY (ti_history_id) REFERENCES public.task_instance_history(task_instance_id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.import_error
    ADD CONSTRAINT import_error_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.import_error ALTER COLUMN id SET DEFAULT nextval('public.import_error_id_seq'::regclass);

ALTER TABLE ONLY public.job
    ADD CONSTRAINT job_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.job ALTER COLUMN id SET DEFAULT nextval('public.job_id_seq'::regclass);

ALTER TABLE ONLY public.log
    ADD CONSTRAINT log_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.log ALTER COLUMN id SET DEFAULT nextval('public.log_id_seq'::regclass);

ALTER TABLE ONLY public.log_template
    ADD CONSTRAINT log_template_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.log_template ALTER COLUMN id SET DEFAULT nextval('public.log_template_id_seq'::regclass);

ALTER TABLE ONLY public.partitioned_asset_key_log
    ADD CONSTRAINT partitioned_asset_key_log_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.partitioned_asset_key_log ALTER COLUMN id SET DEFAULT nextval('public.partitioned_asset_key_log_id_seq'::regclass);

ALTER TABLE ONLY public.rendered_task_instance_fields
    ADD CONSTRAINT rendered_task_instance_fields_pkey PRIMARY KEY (dag_id, task_id, run_id, map_index);

ALTER TABLE ONLY public.rendered_task_instance_fields
    ADD CONSTRAINT rtif_ti_fkey FOREIGN KEY (dag_id, task_id, run_id, map_index) REFERENCES public.task_instance(dag_id, task_id, run_id, map_index) ON DELETE CASCADE;

ALTER TABLE ONLY public.revoked_token
    ADD CONSTRAINT revoked_token_pkey PRIMARY KEY (jti);

ALTER TABLE ONLY public.serialized_dag
    ADD CONSTRAINT serialized_dag_dag_version_id_fkey FOREIGN KEY (dag_version_id) REFERENCES public.dag_version(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.serialized_dag
    ADD CONSTRAINT serialized_dag_dag_version_id_uq UNIQUE (dag_version_id);

ALTER TABLE ONLY public.serialized_dag
    ADD CONSTRAINT serialized_dag_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.slot_pool
    ADD CONSTRAINT slot_pool_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.slot_pool
    ADD CONSTRAINT slot_pool_pool_uq UNIQUE (pool);

ALTER TABLE ONLY public.slot_pool
    ADD CONSTRAINT slot_pool_team_name_fkey FOREIGN KEY (team_name) REFERENCES public.team(name) ON DELETE SET NULL;

ALTER TABLE ONLY public.slot_pool ALTER COLUMN id SET DEFAULT nextval('public.slot_pool_id_seq'::regclass);

ALTER TABLE ONLY public.task_inlet_asset_reference
    ADD CONSTRAINT tiar_asset_fkey FOREIGN KEY (asset_id) REFERENCES public.asset(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.task_inlet_asset_reference
    ADD CONSTRAINT tiar_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.task_inlet_asset_reference
    ADD CONSTRAINT tiar_pkey PRIMARY KEY (asset_id, dag_id, task_id);

ALTER TABLE ONLY public.task_instance
    ADD CONSTRAINT task_instance_composite_key UNIQUE (dag_id, task_id, run_id, map_index);

ALTER TABLE ONLY public.task_instance
    ADD CONSTRAINT task_instance_dag_run_fkey FOREIGN KEY (dag_id, run_id) REFERENCES public.dag_run(dag_id, run_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.task_instance
    ADD CONSTRAINT task_instance_dag_version_id_fkey FOREIGN KEY (dag_version_id) REFERENCES public.dag_version(id) ON DELETE RESTRICT;

ALTER TABLE ONLY public.task_instance
    ADD CONSTRAINT task_instance_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.task_instance
    ADD CONSTRAINT task_instance_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES public.trigger(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.task_instance_history
    ADD CONSTRAINT task_instance_history_dtrt_uq UNIQUE (dag_id, task_id, run_id, map_index, try_number);

ALTER TABLE ONLY public.task_instance_history
    ADD CONSTRAINT task_instance_history_pkey PRIMARY KEY (task_instance_id);

ALTER TABLE ONLY public.task_instance_history
    ADD CONSTRAINT task_instance_history_ti_fkey FOREIGN KEY (dag_id, task_id, run_id, map_index) REFERENCES public.task_instance(dag_id, task_id, run_id, map_index) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.task_instance_note
    ADD CONSTRAINT task_instance_note_pkey PRIMARY KEY (ti_id);

ALTER TABLE ONLY public.task_instance_note
    ADD CONSTRAINT task_instance_note_ti_fkey FOREIGN KEY (ti_id) REFERENCES public.task_instance(id) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.task_map
    ADD CONSTRAINT task_map_pkey PRIMARY KEY (dag_id, task_id, run_id, map_index);

ALTER TABLE ONLY public.task_map
    ADD CONSTRAINT task_map_task_instance_fkey FOREIGN KEY (dag_id, task_id, run_id, map_index) REFERENCES public.task_instance(dag_id, task_id, run_id, map_index) ON UPDATE CASCADE ON DELETE CASCADE;

ALTER TABLE ONLY public.task_outlet_asset_reference
    ADD CONSTRAINT toar_asset_fkey FOREIGN KEY (asset_id) REFERENCES public.asset(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.task_outlet_asset_reference
    ADD CONSTRAINT toar_dag_id_fkey FOREIGN KEY (dag_id) REFERENCES public.dag(dag_id) ON DELETE CASCADE;

ALTER TABLE ONLY public.task_outlet_asset_reference
    ADD CONSTRAINT toar_pkey PRIMARY KEY (asset_id, dag_id, task_id);

ALTER TABLE ONLY public.task_reschedule
    ADD CONSTRAINT task_reschedule_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.task_reschedule
    ADD CONSTRAINT task_reschedule_ti_fkey FOREIGN KEY (ti_id) REFERENCES public.task_instance(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.task_reschedule ALTER COLUMN id SET DEFAULT nextval('public.task_reschedule_id_seq'::regclass);

ALTER TABLE ONLY public.task_state_store
    ADD CONSTRAINT task_state_store_dag_run_fkey FOREIGN KEY (dag_run_id) REFERENCES public.dag_run(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.task_state_store
    ADD CONSTRAINT task_state_store_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.task_state_store
    ADD CONSTRAINT task_state_store_uq UNIQUE (dag_run_id, task_id, map_index, key);

ALTER TABLE ONLY public.task_state_store ALTER COLUMN id SET DEFAULT nextval('public.task_state_store_id_seq'::regclass);

ALTER TABLE ONLY public.team
    ADD CONSTRAINT team_pkey PRIMARY KEY (name);

ALTER TABLE ONLY public.trigger
    ADD CONSTRAINT trigger_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.trigger
    ADD CONSTRAINT trigger_team_name_fkey FOREIGN KEY (team_name) REFERENCES public.team(name) ON DELETE SET NULL;

ALTER TABLE ONLY public.trigger ALTER COLUMN id SET DEFAULT nextval('public.trigger_id_seq'::regclass);

ALTER TABLE ONLY public.variable
    ADD CONSTRAINT variable_key_uq UNIQUE (key);

ALTER TABLE ONLY public.variable
    ADD CONSTRAINT variable_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.variable
    ADD CONSTRAINT variable_team_name_fkey FOREIGN KEY (team_name) REFERENCES public.team(name) ON DELETE SET NULL;

ALTER TABLE ONLY public.variable ALTER COLUMN id SET DEFAULT nextval('public.variable_id_seq'::regclass);

ALTER TABLE ONLY public.xcom
    ADD CONSTRAINT xcom_pkey PRIMARY KEY (dag_run_id, task_id, map_index, key);

ALTER TABLE ONLY public.xcom
    ADD CONSTRAINT xcom_task_instance_fkey FOREIGN KEY (dag_id, task_id, run_id, map_index) REFERENCES public.task_instance(dag_id, task_id, run_id, map_index) ON DELETE CASCADE;

COMMENT ON EXTENSION pgcrypto IS 'cryptographic functions';

CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA public;

CREATE INDEX dag_id_state ON public.dag_run USING btree (dag_id, state);

CREATE INDEX deadline_callback_id_idx ON public.deadline USING btree (callback_id);

CREATE INDEX deadline_missed_deadline_time_idx ON public.deadline USING btree (missed, deadline_time);

CREATE INDEX idx_asset_alias_asset_alias_id ON public.asset_alias_asset USING btree (alias_id);

CREATE INDEX idx_asset_alias_asset_asset_id ON public.asset_alias_asset USING btree (asset_id);

CREATE INDEX idx_asset_alias_asset_event_alias_id ON public.asset_alias_asset_event USING btree (alias_id);

CREATE INDEX idx_asset_alias_asset_event_event_id ON public.asset_alias_asset_event USING btree (event_id);

CREATE INDEX idx_asset_dag_run_queue_target_dag_id ON public.asset_dag_run_queue USING btree (target_dag_id);

CREATE INDEX idx_asset_id_timestamp ON public.asset_event USING btree (asset_id, "timestamp");

CREATE INDEX idx_awm_trigger_id ON public.asset_watcher USING btree (trigger_id);

CREATE INDEX idx_connection_test_request_state_created_at ON public.connection_test_request USING btree (state, created_at);

CREATE INDEX idx_dag_bundle_team_team_name ON public.dag_bundle_team USING btree (team_name);

CREATE INDEX idx_dag_run_created_dag_version_id ON public.dag_run USING btree (created_dag_version_id);

CREATE INDEX idx_dag_run_dag_id ON public.dag_run USING btree (dag_id);

CREATE INDEX idx_dag_run_queued_dags ON public.dag_run USING btree (state, dag_id);

CREATE INDEX idx_dag_run_run_after ON public.dag_run USING btree (run_after);

CREATE INDEX idx_dag_run_running_dags ON public.dag_run USING btree (state, dag_id);

CREATE INDEX idx_dag_schedule_asset_alias_reference_dag_id ON public.dag_schedule_asset_alias_reference USING btree (dag_id);

CREATE INDEX idx_dag_schedule_asset_name_reference_dag_id ON public.dag_schedule_asset_name_reference USING btree (dag_id);

CREATE INDEX idx_dag_schedule_asset_reference_dag_id ON public.dag_schedule_asset_reference USING btree (dag_id);

CREATE INDEX idx_dag_schedule_asset_uri_reference_dag_id ON public.dag_schedule_asset_uri_reference USING btree (dag_id);

CREATE INDEX idx_dag_tag_dag_id ON public.dag_tag USING btree (dag_id);

CREATE INDEX idx_dag_warning_dag_id ON public.dag_warning USING btree (dag_id);

CREATE INDEX idx_dagrun_asset_events_dag_run_id ON public.dagrun_asset_event USING btree (dag_run_id);

CREATE INDEX idx_dagrun_asset_events_event_id ON public.dagrun_asset_event USING btree (event_id);

CREATE INDEX idx_job_dag_id ON public.job USING btree (dag_id);

CREATE INDEX idx_job_state_heartbeat ON public.job USING btree (state, latest_heartbeat);

CREATE INDEX idx_log_dttm ON public.log USING btree (dttm);

CREATE INDEX idx_log_event ON public.log USING btree (event);

CREATE INDEX idx_log_task_instance ON public.log USING btree (dag_id, task_id, run_id, map_index, try_number);

CREATE INDEX idx_next_dagrun_create_after ON public.dag USING btree (next_dagrun_create_after);

CREATE INDEX idx_pakl_apdr_id ON public.partitioned_asset_key_log USING btree (asset_partition_dag_run_id);

CREATE INDEX idx_revoked_token_exp ON public.revoked_token USING btree (exp);

CREATE INDEX idx_task_inlet_asset_reference_dag_id ON public.task_inlet_asset_reference USING btree (dag_id);

CREATE INDEX idx_task_outlet_asset_reference_dag_id ON public.task_outlet_asset_reference USING btree (dag_id);

CREATE INDEX idx_task_reschedule_ti_id_id_desc ON public.task_reschedule USING btree (ti_id, id DESC);

CREATE INDEX idx_task_state_store_expires_at ON public.task_state_store USING btree (expires_at);

CREATE INDEX idx_task_state_store_lookup ON public.task_state_store USING btree (dag_id, run_id, task_id, map_index);

CREATE INDEX idx_tih_dag_run ON public.task_instance_history USING btree (dag_id, run_id);

CREATE INDEX idx_trigger_team_name ON public.trigger USING btree (team_name);

CREATE INDEX idx_xcom_key ON public.xcom USING btree (key);

CREATE INDEX idx_xcom_task_instance ON public.xcom USING btree (dag_id, task_id, run_id, map_index);

CREATE INDEX job_type_heart ON public.job USING btree (job_type, latest_heartbeat);

CREATE INDEX ti_dag_run ON public.task_instance USING btree (dag_id, run_id);

CREATE INDEX ti_dag_state ON public.task_instance USING btree (dag_id, state);

CREATE INDEX ti_dag_version_id ON public.task_instance USING btree (dag_version_id);

CREATE INDEX ti_heartbeat ON public.task_instance USING btree (last_heartbeat_at);

CREATE INDEX ti_pool ON public.task_instance USING btree (pool, state, priority_weight);

CREATE INDEX ti_state ON public.task_instance USING btree (state);

CREATE INDEX ti_state_lkp ON public.task_instance USING btree (dag_id, task_id, run_id, state);

CREATE INDEX ti_trigger_id ON public.task_instance USING btree (trigger_id);

CREATE SEQUENCE public.ab_permission_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.ab_permission_view_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.ab_permission_view_role_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.ab_register_user_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.ab_role_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.ab_user_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.ab_user_role_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.ab_view_menu_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.asset_partition_dag_run_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.backfill_dag_run_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.backfill_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.connection_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.dag_run_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.dataset_alias_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.dataset_event_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.dataset_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.import_error_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.job_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.log_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.log_template_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.partitioned_asset_key_log_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.slot_pool_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.task_reschedule_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.task_state_store_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.trigger_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE SEQUENCE public.variable_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

CREATE TABLE public._xcom_archive (
    dag_run_id integer NOT NULL,
    task_id character varying(250) NOT NULL,
    map_index integer DEFAULT '-1'::integer NOT NULL,
    key character varying(512) NOT NULL,
    dag_id character varying(250) NOT NULL,
    run_id character varying(250) NOT NULL,
    value bytea,
    "timestamp" timestamp with time zone NOT NULL
);

CREATE TABLE public.ab_permission (
    id integer NOT NULL,
    name character varying(100) NOT NULL
);

CREATE TABLE public.ab_permission_view (
    id integer NOT NULL,
    permission_id integer,
    view_menu_id integer
);

CREATE TABLE public.ab_permission_view_role (
    id integer NOT NULL,
    permission_view_id integer,
    role_id integer
);

CREATE TABLE public.ab_register_user (
    id integer NOT NULL,
    first_name character varying(256) NOT NULL,
    last_name character varying(256) NOT NULL,
    username character varying(512) NOT NULL,
    email character varying(512) NOT NULL,
    password character varying(256),
    registration_date timestamp without time zone,
    registration_hash character varying(256)
);

CREATE TABLE public.ab_role (
    id integer NOT NULL,
    name character varying(64) NOT NULL
);

CREATE TABLE public.ab_user (
    id integer NOT NULL,
    first_name character varying(256) NOT NULL,
    last_name character varying(256) NOT NULL,
    username character varying(512) NOT NULL,
    email character varying(512) NOT NULL,
    password character varying(256),
    active boolean,
    last_login timestamp without time zone,
    login_count integer,
    fail_login_count integer,
    created_on timestamp without time zone,
    changed_on timestamp without time zone,
    created_by_fk integer,
    changed_by_fk integer
);

CREATE TABLE public.ab_user_role (
    id integer NOT NULL,
    user_id integer,
    role_id integer
);

CREATE TABLE public.ab_view_menu (
    id integer NOT NULL,
    name character varying(250) NOT NULL
);

CREATE TABLE public.asset (
    id integer NOT NULL,
    uri character varying(1500) NOT NULL,
    extra json NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    name character varying(1500) NOT NULL,
    "group" character varying(1500) NOT NULL
);

CREATE TABLE public.asset_active (
    name character varying(1500) NOT NULL,
    uri character varying(1500) NOT NULL
);

CREATE TABLE public.asset_alias (
    id integer NOT NULL,
    name character varying(1500) NOT NULL,
    "group" character varying(1500) NOT NULL
);

CREATE TABLE public.asset_alias_asset (
    alias_id integer NOT NULL,
    asset_id integer NOT NULL
);

CREATE TABLE public.asset_alias_asset_event (
    alias_id integer NOT NULL,
    event_id integer NOT NULL
);

CREATE TABLE public.asset_dag_run_queue (
    asset_id integer NOT NULL,
    target_dag_id character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.asset_event (
    id integer NOT NULL,
    asset_id integer NOT NULL,
    extra json NOT NULL,
    "timestamp" timestamp with time zone NOT NULL,
    source_task_id character varying(250),
    source_dag_id character varying(250),
    source_run_id character varying(250),
    source_map_index integer DEFAULT '-1'::integer,
    partition_key character varying(250)
);

CREATE TABLE public.asset_partition_dag_run (
    id integer NOT NULL,
    target_dag_id character varying(250) NOT NULL,
    created_dag_run_id integer,
    partition_key character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    rollup_fingerprint json,
    partition_date timestamp with time zone
);

CREATE TABLE public.asset_state_store (
    asset_id integer NOT NULL,
    key character varying(512) NOT NULL,
    value text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    last_updated_by_kind character varying(16),
    last_updated_by_dag_id character varying(250),
    last_updated_by_run_id character varying(250),
    last_updated_by_task_id character varying(250),
    last_updated_by_map_index integer
);

CREATE TABLE public.asset_watcher (
    name character varying(1500) NOT NULL,
    asset_id integer NOT NULL,
    trigger_id integer NOT NULL
);

CREATE TABLE public.backfill (
    id integer NOT NULL,
    dag_id character varying(250) NOT NULL,
    from_date timestamp with time zone NOT NULL,
    to_date timestamp with time zone NOT NULL,
    dag_run_conf json NOT NULL,
    is_paused boolean,
    max_active_runs integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    completed_at timestamp with time zone,
    updated_at timestamp with time zone NOT NULL,
    reprocess_behavior character varying(250) NOT NULL,
    triggering_user_name character varying(512)
);

CREATE TABLE public.backfill_dag_run (
    id integer NOT NULL,
    backfill_id integer NOT NULL,
    dag_run_id integer,
    sort_ordinal integer NOT NULL,
    exception_reason character varying(250),
    logical_date timestamp with time zone,
    partition_key character varying(250)
);

CREATE TABLE public.callback (
    created_at timestamp with time zone NOT NULL,
    priority_weight integer NOT NULL,
    type character varying(20) NOT NULL,
    fetch_method character varying(20) NOT NULL,
    data jsonb NOT NULL,
    state character varying(10),
    output text,
    trigger_id integer,
    id uuid NOT NULL,
    bundle_name character varying(250)
);

CREATE TABLE public.connection (
    id integer NOT NULL,
    conn_id character varying(250) NOT NULL,
    conn_type character varying(500) NOT NULL,
    description text,
    host character varying(500),
    schema character varying(500),
    login text,
    password text,
    port integer,
    is_encrypted boolean NOT NULL,
    is_extra_encrypted boolean NOT NULL,
    extra text,
    team_name character varying(50)
);

CREATE TABLE public.connection_test_request (
    id uuid NOT NULL,
    token character varying(64) NOT NULL,
    connection_id character varying(250) NOT NULL,
    state character varying(20) NOT NULL,
    result_message character varying(2000),
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    executor character varying(256),
    queue character varying(256),
    conn_type character varying(500) NOT NULL,
    host character varying(500),
    login text,
    password text,
    schema character varying(500),
    port integer,
    extra text,
    is_encrypted boolean DEFAULT false NOT NULL,
    is_extra_encrypted boolean DEFAULT false NOT NULL,
    commit_on_success boolean DEFAULT false NOT NULL,
    active_connection_id character varying(250),
    team_name character varying(50)
);

CREATE TABLE public.dag (
    dag_id character varying(250) NOT NULL,
    max_active_tasks integer NOT NULL,
    has_task_concurrency_limits boolean NOT NULL,
    is_paused boolean NOT NULL,
    is_stale boolean NOT NULL,
    last_parsed_time timestamp with time zone,
    last_expired timestamp with time zone,
    fileloc character varying(2000),
    owners character varying(2000),
    description text,
    timetable_summary text,
    timetable_description character varying(1000),
    max_active_runs integer,
    has_import_errors boolean DEFAULT false,
    next_dagrun timestamp with time zone,
    next_dagrun_data_interval_start timestamp with time zone,
    next_dagrun_data_interval_end timestamp with time zone,
    next_dagrun_create_after timestamp with time zone,
    asset_expression json,
    max_consecutive_failed_dag_runs integer NOT NULL,
    dag_display_name character varying(2000),
    bundle_name character varying(250) NOT NULL,
    bundle_version character varying(200),
    relative_fileloc character varying(2000),
    deadline json,
    last_parse_duration double precision,
    fail_fast boolean DEFAULT false NOT NULL,
    exceeds_max_non_backfill boolean DEFAULT false NOT NULL,
    timetable_type character varying(255) NOT NULL,
    allowed_run_types json,
    timetable_partitioned boolean DEFAULT false NOT NULL,
    next_dagrun_partition_key character varying(255),
    next_dagrun_partition_date timestamp with time zone,
    timetable_periodic boolean DEFAULT false NOT NULL,
    partition_mapper_info json NOT NULL
);

CREATE TABLE public.dag_bundle (
    name character varying(250) NOT NULL,
    active boolean,
    version character varying(200),
    last_refreshed timestamp with time zone,
    signed_url_template text,
    template_params json
);

CREATE TABLE public.dag_bundle_team (
    dag_bundle_name character varying(250) NOT NULL,
    team_name character varying(50) NOT NULL
);

CREATE TABLE public.dag_code (
    fileloc character varying(2000) NOT NULL,
    last_updated timestamp with time zone NOT NULL,
    source_code text NOT NULL,
    id uuid NOT NULL,
    dag_version_id uuid NOT NULL,
    source_code_hash character varying(32) NOT NULL,
    dag_id character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.dag_favorite (
    user_id character varying(250) NOT NULL,
    dag_id character varying(250) NOT NULL
);

CREATE TABLE public.dag_owner_attributes (
    dag_id character varying(250) NOT NULL,
    owner character varying(500) NOT NULL,
    link character varying(500) NOT NULL
);

CREATE TABLE public.dag_priority_parsing_request (
    id character varying(32) NOT NULL,
    bundle_name character varying(250) NOT NULL,
    relative_fileloc character varying(2000) NOT NULL
);

CREATE TABLE public.dag_run (
    id integer NOT NULL,
    dag_id character varying(250) NOT NULL,
    logical_date timestamp with time zone,
    run_id character varying(250) NOT NULL,
    run_type character varying(50) NOT NULL,
    queued_at timestamp with time zone,
    start_date timestamp with time zone,
    end_date timestamp with time zone,
    state character varying(50),
    creating_job_id integer,
    data_interval_start timestamp with time zone,
    data_interval_end timestamp with time zone,
    last_scheduling_decision timestamp with time zone,
    log_template_id integer,
    updated_at timestamp with time zone,
    clear_number integer DEFAULT 0 NOT NULL,
    triggered_by character varying(50),
    backfill_id integer,
    created_dag_version_id uuid,
    bundle_version character varying(250),
    conf jsonb,
    run_after timestamp with time zone NOT NULL,
    scheduled_by_job_id integer,
    context_carrier jsonb,
    span_status character varying(250) DEFAULT 'not_started'::character varying NOT NULL,
    triggering_user_name character varying(512),
    partition_key character varying(250),
    created_at timestamp with time zone,
    partition_date timestamp with time zone
);

CREATE TABLE public.dag_run_note (
    dag_run_id integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    user_id character varying(128),
    content character varying(1000)
);

CREATE TABLE public.dag_schedule_asset_alias_reference (
    alias_id integer NOT NULL,
    dag_id character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

CREATE TABLE public.dag_schedule_asset_name_reference (
    name character varying(1500) NOT NULL,
    dag_id character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.dag_schedule_asset_reference (
    asset_id integer NOT NULL,
    dag_id character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    allow_producer_teams json,
    allow_global_producers boolean DEFAULT true NOT NULL
);

CREATE TABLE public.dag_schedule_asset_uri_reference (
    uri character varying(1500) NOT NULL,
    dag_id character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.dag_tag (
    name character varying(100) NOT NULL,
    dag_id character varying(250) NOT NULL
);

CREATE TABLE public.dag_version (
    id uuid NOT NULL,
    version_number integer NOT NULL,
    dag_id character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    last_updated timestamp with time zone NOT NULL,
    bundle_name character varying(250),
    bundle_version character varying(250),
    version_data json
);

CREATE TABLE public.dag_warning (
    dag_id character varying(250) NOT NULL,
    warning_type character varying(50) NOT NULL,
    message text NOT NULL,
    "timestamp" timestamp with time zone NOT NULL
);

CREATE TABLE public.dagrun_asset_event (
    dag_run_id integer NOT NULL,
    event_id integer NOT NULL
);

CREATE TABLE public.deadline (
    id uuid NOT NULL,
    dagrun_id integer,
    deadline_time timestamp with time zone NOT NULL,
    missed boolean NOT NULL,
    callback_id uuid NOT NULL,
    deadline_alert_id uuid,
    created_at timestamp with time zone NOT NULL,
    last_updated_at timestamp with time zone NOT NULL
);

CREATE TABLE public.deadline_alert (
    id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    serialized_dag_id uuid NOT NULL,
    name character varying(250),
    description text,
    reference json NOT NULL,
    "interval" json NOT NULL,
    callback_def json NOT NULL
);

CREATE TABLE public.hitl_detail (
    ti_id uuid NOT NULL,
    options json NOT NULL,
    subject text NOT NULL,
    body text,
    defaults json,
    multiple boolean,
    params json NOT NULL,
    assignees json,
    created_at timestamp with time zone NOT NULL,
    responded_at timestamp with time zone,
    responded_by json,
    chosen_options json,
    params_input json NOT NULL
);

CREATE TABLE public.hitl_detail_history (
    ti_history_id uuid NOT NULL,
    options json NOT NULL,
    subject text NOT NULL,
    body text,
    defaults json,
    multiple boolean,
    params json NOT NULL,
    assignees json,
    created_at timestamp with time zone NOT NULL,
    responded_at timestamp with time zone,
    responded_by json,
    chosen_options json,
    params_input json NOT NULL
);

CREATE TABLE public.import_error (
    id integer NOT NULL,
    "timestamp" timestamp with time zone,
    filename character varying(1024),
    stacktrace text,
    bundle_name character varying(250)
);

CREATE TABLE public.job (
    id integer NOT NULL,
    dag_id character varying(250),
    state character varying(20),
    job_type character varying(30),
    start_date timestamp with time zone,
    end_date timestamp with time zone,
    latest_heartbeat timestamp with time zone,
    executor_class character varying(500),
    hostname character varying(500),
    unixname character varying(1000)
);

CREATE TABLE public.log (
    id integer NOT NULL,
    dttm timestamp with time zone,
    dag_id character varying(250),
    task_id character varying(250),
    map_index integer,
    event character varying(60) NOT NULL,
    logical_date timestamp with time zone,
    owner character varying(500),
    extra text,
    owner_display_name character varying(500),
    run_id character varying(250),
    try_number integer
);

CREATE TABLE public.log_template (
    id integer NOT NULL,
    filename text NOT NULL,
    elasticsearch_id text NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.partitioned_asset_key_log (
    id integer NOT NULL,
    asset_id integer NOT NULL,
    asset_event_id integer NOT NULL,
    asset_partition_dag_run_id integer NOT NULL,
    source_partition_key character varying(250) NOT NULL,
    target_dag_id character varying(250) NOT NULL,
    target_partition_key character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.rendered_task_instance_fields (
    dag_id character varying(250) NOT NULL,
    task_id character varying(250) NOT NULL,
    run_id character varying(250) NOT NULL,
    map_index integer DEFAULT '-1'::integer NOT NULL,
    rendered_fields json NOT NULL,
    k8s_pod_yaml json
);

CREATE TABLE public.revoked_token (
    jti character varying(32) NOT NULL,
    exp timestamp with time zone NOT NULL
);

CREATE TABLE public.serialized_dag (
    dag_id character varying(250) NOT NULL,
    last_updated timestamp with time zone NOT NULL,
    dag_hash character varying(32) NOT NULL,
    data jsonb,
    data_compressed bytea,
    id uuid NOT NULL,
    dag_version_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE TABLE public.slot_pool (
    id integer NOT NULL,
    pool character varying(256),
    slots integer NOT NULL,
    description text,
    include_deferred boolean NOT NULL,
    team_name character varying(50)
);

CREATE TABLE public.task_inlet_asset_reference (
    asset_id integer NOT NULL,
    dag_id character varying(250) NOT NULL,
    task_id character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

CREATE TABLE public.task_instance (
    task_id character varying(250) NOT NULL,
    dag_id character varying(250) NOT NULL,
    run_id character varying(250) NOT NULL,
    map_index integer DEFAULT '-1'::integer NOT NULL,
    pool character varying(256) NOT NULL,
    pool_slots integer NOT NULL,
    start_date timestamp with time zone,
    end_date timestamp with time zone,
    duration double precision,
    state character varying(20),
    try_number integer NOT NULL,
    max_tries integer DEFAULT '-1'::integer NOT NULL,
    hostname character varying(1000),
    unixname character varying(1000),
    queue character varying(256),
    priority_weight integer,
    operator character varying(1000),
    queued_dttm timestamp with time zone,
    queued_by_job_id integer,
    pid integer,
    executor_config bytea,
    updated_at timestamp with time zone,
    external_executor_id text,
    trigger_id integer,
    trigger_timeout timestamp with time zone,
    next_method character varying(1000),
    next_kwargs jsonb,
    custom_operator_name character varying(1000),
    rendered_map_index character varying(250),
    task_display_name character varying(2000),
    executor character varying(1000),
    id uuid NOT NULL,
    last_heartbeat_at timestamp with time zone,
    dag_version_id uuid,
    scheduled_dttm timestamp with time zone,
    context_carrier jsonb,
    span_status character varying(250) DEFAULT 'not_started'::character varying NOT NULL,
    retry_delay_override double precision,
    retry_reason character varying(500)
);

CREATE TABLE public.task_instance_history (
    task_id character varying(250) NOT NULL,
    dag_id character varying(250) NOT NULL,
    run_id character varying(250) NOT NULL,
    map_index integer DEFAULT '-1'::integer NOT NULL,
    try_number integer NOT NULL,
    start_date timestamp with time zone,
    end_date timestamp with time zone,
    duration double precision,
    state character varying(20),
    max_tries integer DEFAULT '-1'::integer,
    hostname character varying(1000),
    unixname character varying(1000),
    pool character varying(256) NOT NULL,
    pool_slots integer NOT NULL,
    queue character varying(256),
    priority_weight integer,
    operator character varying(1000),
    custom_operator_name character varying(1000),
    queued_dttm timestamp with time zone,
    queued_by_job_id integer,
    pid integer,
    executor character varying(1000),
    executor_config bytea,
    updated_at timestamp with time zone,
    rendered_map_index character varying(250),
    external_executor_id text,
    trigger_id integer,
    trigger_timeout timestamp without time zone,
    next_method character varying(1000),
    next_kwargs jsonb,
    task_display_name character varying(2000),
    dag_version_id uuid,
    scheduled_dttm timestamp with time zone,
    task_instance_id uuid NOT NULL,
    context_carrier jsonb,
    span_status character varying(250) DEFAULT 'not_started'::character varying NOT NULL,
    retry_delay_override double precision,
    retry_reason character varying(500)
);

CREATE TABLE public.task_instance_note (
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    user_id character varying(128),
    content character varying(1000),
    ti_id uuid NOT NULL
);

CREATE TABLE public.task_map (
    dag_id character varying(250) NOT NULL,
    task_id character varying(250) NOT NULL,
    run_id character varying(250) NOT NULL,
    map_index integer NOT NULL,
    length integer NOT NULL,
    keys jsonb,
    CONSTRAINT ck_task_map_task_map_length_not_negative CHECK ((length >= 0))
);

CREATE TABLE public.task_outlet_asset_reference (
    asset_id integer NOT NULL,
    dag_id character varying(250) NOT NULL,
    task_id character varying(250) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    allow_consumer_teams json,
    allow_global_consumers boolean DEFAULT true NOT NULL
);

CREATE TABLE public.task_reschedule (
    id integer NOT NULL,
    start_date timestamp with time zone NOT NULL,
    end_date timestamp with time zone NOT NULL,
    duration integer NOT NULL,
    reschedule_date timestamp with time zone NOT NULL,
    ti_id uuid NOT NULL
);

CREATE TABLE public.task_state_store (
    id integer NOT NULL,
    dag_run_id integer NOT NULL,
    task_id character varying(250) NOT NULL,
    map_index integer DEFAULT '-1'::integer NOT NULL,
    key character varying(512) NOT NULL,
    dag_id character varying(250) NOT NULL,
    run_id character varying(250) NOT NULL,
    value text NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone
);

CREATE TABLE public.team (
    name character varying(50) NOT NULL
);

CREATE TABLE public.trigger (
    id integer NOT NULL,
    classpath character varying(1000) NOT NULL,
    kwargs text NOT NULL,
    created_date timestamp with time zone NOT NULL,
    triggerer_id integer,
    queue character varying(256),
    team_name character varying(50)
);

CREATE TABLE public.variable (
    id integer NOT NULL,
    key character varying(250) NOT NULL,
    val text NOT NULL,
    description text,
    is_encrypted boolean NOT NULL,
    team_name character varying(50)
);

CREATE TABLE public.xcom (
    dag_run_id integer NOT NULL,
    task_id character varying(250) NOT NULL,
    map_index integer DEFAULT '-1'::integer NOT NULL,
    key character varying(512) NOT NULL,
    dag_id character varying(250) NOT NULL,
    run_id character varying(250) NOT NULL,
    "timestamp" timestamp with time zone NOT NULL,
    value jsonb,
    dag_result boolean
);

CREATE UNIQUE INDEX idx_asset_active_name_unique ON public.asset_active USING btree (name);

CREATE UNIQUE INDEX idx_asset_active_uri_unique ON public.asset_active USING btree (uri);

CREATE UNIQUE INDEX idx_asset_alias_name_unique ON public.asset_alias USING btree (name);

CREATE UNIQUE INDEX idx_asset_name_uri_unique ON public.asset USING btree (name, uri);

CREATE UNIQUE INDEX idx_dag_bundle_team_dag_bundle_name ON public.dag_bundle_team USING btree (dag_bundle_name);
