-- alembic-to-sql: Alembic revision 97727af70f4d (Add creation_time and last_update_time to experiments table)
-- revises: cc1f77228345
-- from: mlflow/store/db_migrations/versions/97727af70f4d_creation_time_last_update_time_experiments.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE experiments ADD COLUMN creation_time BIGINT;

ALTER TABLE experiments ADD COLUMN last_update_time BIGINT;
