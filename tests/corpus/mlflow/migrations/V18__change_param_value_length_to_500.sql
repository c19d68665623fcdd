-- alembic-to-sql: Alembic revision cc1f77228345 (change param value length to 500)
-- revises: 0c779009ac13
-- from: mlflow/store/db_migrations/versions/cc1f77228345_change_param_value_length_to_500.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE params ALTER COLUMN value TYPE VARCHAR(500);

ALTER TABLE params ALTER COLUMN value SET NOT NULL;
