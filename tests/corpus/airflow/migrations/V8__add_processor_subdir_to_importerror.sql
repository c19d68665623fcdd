-- alembic-to-sql: Alembic revision 10b52ebd31f7 (Add processor_subdir to ImportError.)
-- revises: bd5dfbe21f88
-- from: migrations/versions/0007_2_8_0_add_processor_subdir_import_error.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE import_error ADD COLUMN processor_subdir VARCHAR(2000);
