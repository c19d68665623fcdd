-- alembic-to-sql: Alembic revision 7ae9e431e67a (Work status fields)
-- revises: 15768c2ec702
-- from: prefect/server/database/_migrations/versions/postgresql/2024_04_23_094748_7ae9e431e67a_work_status_fields.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

CREATE TYPE deployment_status AS ENUM ('READY', 'NOT_READY');

ALTER TABLE deployment ADD COLUMN status deployment_status DEFAULT 'NOT_READY' NOT NULL;

CREATE TYPE work_pool_status AS ENUM ('READY', 'NOT_READY', 'PAUSED');

ALTER TABLE work_pool ADD COLUMN status work_pool_status DEFAULT 'NOT_READY' NOT NULL;

CREATE TYPE work_queue_status AS ENUM ('READY', 'NOT_READY', 'PAUSED');

ALTER TABLE work_queue ADD COLUMN status work_queue_status DEFAULT 'NOT_READY' NOT NULL;
