-- alembic-to-sql: Alembic revision 3da73c924c2f (add outputs to dataset record)
-- revises: 71994744cf8e
-- from: mlflow/store/db_migrations/versions/3da73c924c2f_add_outputs_to_dataset_record.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE evaluation_dataset_records ADD COLUMN outputs JSON;
