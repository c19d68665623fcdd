-- alembic-to-sql: Alembic revision 0a8213491aaa (drop_duplicate_killed_constraint)
-- revises: cfd24bdc0731
-- from: mlflow/store/db_migrations/versions/0a8213491aaa_drop_duplicate_killed_constraint.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

