-- alembic-to-sql: Alembic revision 8905262ec07f (Worker status field)
-- revises: 7ae9e431e67a
-- from: prefect/server/database/_migrations/versions/postgresql/2024_04_25_155240_8905262ec07f_worker_status_field.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE work_pool ADD COLUMN last_transitioned_status_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE work_pool ADD COLUMN last_status_event_id UUID;

CREATE TYPE worker_status AS ENUM ('ONLINE', 'OFFLINE');

ALTER TABLE worker ADD COLUMN status worker_status DEFAULT 'OFFLINE' NOT NULL;
