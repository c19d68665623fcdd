-- alembic-to-sql: Alembic revision c3d6457b6d8a (add status_details column to jobs table)
-- revises: 76601a5f987d
-- from: mlflow/store/db_migrations/versions/c3d6457b6d8a_add_status_details_column_to_jobs_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind (in _get_json_type()): the statements it sends through the
--   connection are here, but whatever its Python decides from what it reads (rows, inspect(),
--   has_table) happens only online; check this file against the revision

ALTER TABLE jobs ADD COLUMN status_details JSON;
