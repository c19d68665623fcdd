-- alembic-to-sql: Alembic revision b4078ac230a1 (Change value column type to longblob in xcom table for mysql.)
-- revises: 8e1c784a4fc7
-- from: migrations/versions/0013_2_9_0_make_xcom_value_to_longblob_for_mysql.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

