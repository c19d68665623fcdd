-- alembic-to-sql: Alembic revision fe199e1abd77 (Delete import errors.)
-- revises: 29ce7909c52b
-- from: migrations/versions/0069_3_0_3_delete_import_errors.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

DELETE FROM import_error;
