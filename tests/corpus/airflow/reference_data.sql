INSERT INTO public.dag_bundle VALUES ('dags-folder', NULL, NULL, NULL, NULL, NULL);
INSERT INTO public.dag_bundle VALUES ('example_dags', NULL, NULL, NULL, NULL, NULL);

INSERT INTO public.log_template VALUES (1, '{{ ti.dag_id }}/{{ ti.task_id }}/{{ ts }}/{{ try_number }}.log', '{dag_id}-{task_id}-{execution_date}-{try_number}', '<timestamp>');
INSERT INTO public.log_template VALUES (2, 'dag_id={{ ti.dag_id }}/run_id={{ ti.run_id }}/task_id={{ ti.task_id }}/{% if ti.map_index >= 0 %}map_index={{ ti.map_index }}/{% endif %}attempt={{ try_number }}.log', '{dag_id}-{task_id}-{run_id}-{map_index}-{try_number}', '<timestamp>');

INSERT INTO public.slot_pool VALUES (1, 'default_pool', 128, 'Default pool', false, NULL);

SELECT pg_catalog.setval('public.ab_permission_id_seq', 1, false);

SELECT pg_catalog.setval('public.ab_permission_view_id_seq', 1, false);

SELECT pg_catalog.setval('public.ab_permission_view_role_id_seq', 1, false);

SELECT pg_catalog.setval('public.ab_register_user_id_seq', 1, false);

SELECT pg_catalog.setval('public.ab_role_id_seq', 1, false);

SELECT pg_catalog.setval('public.ab_user_id_seq', 1, false);

SELECT pg_catalog.setval('public.ab_user_role_id_seq', 1, false);

SELECT pg_catalog.setval('public.ab_view_menu_id_seq', 1, false);

SELECT pg_catalog.setval('public.asset_partition_dag_run_id_seq', 1, false);

SELECT pg_catalog.setval('public.backfill_dag_run_id_seq', 1, false);

SELECT pg_catalog.setval('public.backfill_id_seq', 1, false);

SELECT pg_catalog.setval('public.connection_id_seq', 1, false);

SELECT pg_catalog.setval('public.dag_run_id_seq', 1, false);

SELECT pg_catalog.setval('public.dataset_alias_id_seq', 1, false);

SELECT pg_catalog.setval('public.dataset_event_id_seq', 1, false);

SELECT pg_catalog.setval('public.dataset_id_seq', 1, false);

SELECT pg_catalog.setval('public.import_error_id_seq', 1, false);

SELECT pg_catalog.setval('public.job_id_seq', 1, false);

SELECT pg_catalog.setval('public.log_id_seq', 1, false);

SELECT pg_catalog.setval('public.log_template_id_seq', 2, true);

SELECT pg_catalog.setval('public.partitioned_asset_key_log_id_seq', 1, false);

SELECT pg_catalog.setval('public.slot_pool_id_seq', 1, false);

SELECT pg_catalog.setval('public.task_reschedule_id_seq', 1, false);

SELECT pg_catalog.setval('public.task_state_store_id_seq', 1, false);

SELECT pg_catalog.setval('public.trigger_id_seq', 1, false);

SELECT pg_catalog.setval('public.variable_id_seq', 1, false);
