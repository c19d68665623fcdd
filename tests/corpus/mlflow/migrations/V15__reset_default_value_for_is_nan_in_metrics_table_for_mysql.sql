-- alembic-to-sql: Alembic revision c48cb773bb87 (reset_default_value_for_is_nan_in_metrics_table_for_mysql)
-- revises: 39d1c3be5f05
-- from: mlflow/store/db_migrations/versions/c48cb773bb87_reset_default_value_for_is_nan_in_metrics_table_for_mysql.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

