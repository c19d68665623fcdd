-- Two DAGs without a bundle when the revision runs: one of Airflow's example DAGs, one from
-- the dags folder.
INSERT INTO dag (dag_id, fileloc, max_active_tasks, has_task_concurrency_limits, max_consecutive_failed_dag_runs)
VALUES ('example_bash', '/usr/lib/python3/site-packages/airflow/example_dags/example_bash.py', 16, false, 0),
       ('etl', '/opt/airflow/dags/etl.py', 16, false, 0);
