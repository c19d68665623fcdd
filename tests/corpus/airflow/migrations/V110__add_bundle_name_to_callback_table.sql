-- alembic-to-sql: Alembic revision 1d6611b6ab7c (Add bundle_name to callback table.)
-- revises: 888b59e02a5b
-- from: airflow/migrations/versions/0109_3_2_0_add_bundle_name_to_callback_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE callback ADD COLUMN bundle_name VARCHAR(250);
