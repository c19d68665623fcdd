-- alembic-to-sql: Alembic revision 39d1c3be5f05 (add_is_nan_constraint_for_metrics_tables_if_necessary)
-- revises: a8c4a736bde6
-- from: mlflow/store/db_migrations/versions/39d1c3be5f05_add_is_nan_constraint_for_metrics_tables_if_necessary.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE latest_metrics ALTER COLUMN is_nan TYPE BOOLEAN;

ALTER TABLE latest_metrics ALTER COLUMN is_nan SET NOT NULL;

ALTER TABLE metrics ALTER COLUMN is_nan TYPE BOOLEAN;

ALTER TABLE metrics ALTER COLUMN is_nan SET NOT NULL;
