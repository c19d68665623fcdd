-- alembic-to-sql: Alembic revision 9ff64e1c35d3 (Add indexes on dag_run.created_dag_version_id and task_instance.dag_version_id.)
-- revises: dd5f3a8e2b91
-- from: migrations/versions/0122_3_3_0_add_indexes_on_dag_run_created_dag_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX idx_dag_run_created_dag_version_id ON dag_run (created_dag_version_id);

CREATE INDEX ti_dag_version_id ON task_instance (dag_version_id);
