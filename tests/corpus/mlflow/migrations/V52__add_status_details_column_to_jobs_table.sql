-- alembic-to-sql: Alembic revision c3d6457b6d8a (add status_details column to jobs table)
-- revises: 76601a5f987d
-- from: mlflow/store/db_migrations/versions/c3d6457b6d8a_add_status_details_column_to_jobs_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE jobs ADD COLUMN status_details JSON;
