-- alembic-to-sql: Alembic revision 2d6e25af4d3e (increase max param val length from 500 to 8000)
-- revises: 7f2a7d5fae7d
-- from: mlflow/store/db_migrations/versions/2d6e25af4d3e_increase_max_param_val_length.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE params ALTER COLUMN value TYPE VARCHAR(8000);
