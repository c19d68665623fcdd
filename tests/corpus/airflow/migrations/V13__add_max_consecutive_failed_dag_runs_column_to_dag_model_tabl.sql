-- alembic-to-sql: Alembic revision 8e1c784a4fc7 (Add max_consecutive_failed_dag_runs column to dag_model table.)
-- revises: ab34f260b71c
-- from: migrations/versions/0012_2_9_0_adding_adding_max_failure_runs_column_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN max_consecutive_failed_dag_runs INTEGER;
