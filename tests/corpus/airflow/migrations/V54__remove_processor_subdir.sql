-- alembic-to-sql: Alembic revision 5c9c0231baa2 (Remove processor_subdir.)
-- revises: 237cef8dfea1
-- from: migrations/versions/0053_3_0_0_remove_processor_subdir.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE callback_request DROP COLUMN processor_subdir;

ALTER TABLE dag DROP COLUMN processor_subdir;

ALTER TABLE import_error DROP COLUMN processor_subdir;

ALTER TABLE serialized_dag DROP COLUMN processor_subdir;
