-- alembic-to-sql: Alembic revision 8c574ada5e5f (update_enum_columns)
-- revises: 3ff6484f8b37
-- from: alembic/versions/8c574ada5e5f_update_enum_columns.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

CREATE TYPE response_status_enum AS ENUM ('draft', 'submitted', 'discarded');

ALTER TABLE responses ALTER COLUMN status TYPE response_status_enum USING status::response_status_enum;

CREATE TYPE dataset_status_enum AS ENUM ('draft', 'ready');

ALTER TABLE datasets ALTER COLUMN status TYPE dataset_status_enum USING status::dataset_status_enum;

CREATE TYPE user_role_enum AS ENUM ('owner', 'admin', 'annotator');

ALTER TABLE users ALTER COLUMN role TYPE user_role_enum USING role::user_role_enum;
