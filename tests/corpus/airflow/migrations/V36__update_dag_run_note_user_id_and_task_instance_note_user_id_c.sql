-- alembic-to-sql: Alembic revision 44eabb1904b4 (Update dag_run_note.user_id and task_instance_note.user_id columns to String.)
-- revises: 16cbcb1c8c36
-- from: migrations/versions/0035_3_0_0_update_user_id_type.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_run_note ALTER COLUMN user_id TYPE VARCHAR(128);

ALTER TABLE task_instance_note ALTER COLUMN user_id TYPE VARCHAR(128);
