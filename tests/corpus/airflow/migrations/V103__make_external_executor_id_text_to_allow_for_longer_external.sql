-- alembic-to-sql: Alembic revision a5a3e5eb9b8d (Make external_executor_id TEXT to allow for longer external_executor_ids.)
-- revises: 55297ae24532
-- from: migrations/versions/0102_3_2_0_make_external_executor_id_text.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_instance ALTER COLUMN external_executor_id TYPE TEXT;

ALTER TABLE task_instance_history ALTER COLUMN external_executor_id TYPE TEXT;
