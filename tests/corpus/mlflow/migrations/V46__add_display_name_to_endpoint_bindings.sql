-- alembic-to-sql: Alembic revision d3e4f5a6b7c8 (add display_name to endpoint_bindings)
-- revises: 2c33131f4dae
-- from: mlflow/store/db_migrations/versions/d3e4f5a6b7c8_add_display_name_to_endpoint_bindings.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE endpoint_bindings ADD COLUMN display_name VARCHAR(255);
