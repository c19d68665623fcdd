INSERT INTO public.workspaces VALUES ('default', 'Default workspace for legacy resources', NULL, NULL, NULL);

SELECT pg_catalog.setval('public.experiments_experiment_id_seq', 1, false);

SELECT pg_catalog.setval('public.sql_assessment_daily_rollups_id_seq', 1, false);

SELECT pg_catalog.setval('public.sql_span_cost_daily_rollups_id_seq', 1, false);

SELECT pg_catalog.setval('public.sql_trace_metric_daily_rollups_id_seq', 1, false);
