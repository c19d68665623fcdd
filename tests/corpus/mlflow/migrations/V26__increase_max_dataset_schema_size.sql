-- alembic-to-sql: Alembic revision 4465047574b1 (increase max dataset schema size)
-- revises: 5b0e9adcef9c
-- from: mlflow/store/db_migrations/versions/4465047574b1_increase_max_dataset_schema_size.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

