-- alembic-to-sql: Alembic revision 677fdbb7fc54 (Add new executor field to db.)
-- revises: 0fd0c178cbe8
-- from: migrations/versions/0019_2_10_0_add_new_executor_field_to_db.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_instance ADD COLUMN executor VARCHAR(1000);
