-- alembic-to-sql: Alembic revision acf3f17fdcc7 (add storage location field to model versions)
-- revises: 2d6e25af4d3e
-- from: mlflow/store/db_migrations/versions/acf3f17fdcc7_add_storage_location_field_to_model_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE model_versions ADD COLUMN storage_location VARCHAR(500);
