-- alembic-to-sql: Alembic revision f8c9d7e6b5a4 (Standardize UUID column format for non-PostgreSQL databases.)
-- revises: 53ff648b8a26
-- from: migrations/versions/0104_3_2_0_fix_uuid_column_types.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

