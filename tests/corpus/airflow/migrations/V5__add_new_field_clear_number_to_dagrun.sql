-- alembic-to-sql: Alembic revision 375a816bbbf4 (Add new field 'clear_number' to dagrun.)
-- revises: 405de8318b3a
-- from: migrations/versions/0004_2_8_0_add_clear_number_to_dag_run.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE dag_run ADD COLUMN clear_number INTEGER DEFAULT '0' NOT NULL;
