-- alembic-to-sql: Alembic revision da6fb0208061 (add trace archival workspace columns)
-- revises: 7d34483879f0
-- from: mlflow/store/db_migrations/versions/da6fb0208061_add_workspaces_trace_archival_location.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE trace_info ADD COLUMN db_payload_generation INTEGER DEFAULT '0' NOT NULL;

ALTER TABLE workspaces ADD COLUMN trace_archival_location TEXT;

ALTER TABLE workspaces ADD COLUMN trace_archival_retention VARCHAR(32);
