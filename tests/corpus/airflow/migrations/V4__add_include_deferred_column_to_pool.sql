-- alembic-to-sql: Alembic revision 405de8318b3a (Add include_deferred column to pool.)
-- revises: 788397e78828
-- from: migrations/versions/0003_2_7_0_add_include_deferred_column_to_pool.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE slot_pool ADD COLUMN include_deferred BOOLEAN;

UPDATE slot_pool SET include_deferred = false;

ALTER TABLE slot_pool ALTER COLUMN include_deferred SET NOT NULL;
