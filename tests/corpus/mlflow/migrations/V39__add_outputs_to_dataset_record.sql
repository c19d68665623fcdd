-- alembic-to-sql: Alembic revision 3da73c924c2f (add outputs to dataset record)
-- revises: 71994744cf8e
-- from: mlflow/store/db_migrations/versions/3da73c924c2f_add_outputs_to_dataset_record.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind (in _get_json_type()): the statements it sends through the
--   connection are here, but whatever its Python decides from what it reads (rows, inspect(),
--   has_table) happens only online; check this file against the revision

ALTER TABLE evaluation_dataset_records ADD COLUMN outputs JSON;
