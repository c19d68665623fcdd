-- alembic-to-sql: Alembic revision 3b86c5ea017a (Drop task_run state_id foreign key constraint)
-- revises: aa1234567890
-- from: prefect/server/database/_migrations/versions/postgresql/2025_06_13_160644_3b86c5ea017a_drop_task_run_state_id_foreign_key_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_run DROP CONSTRAINT fk_task_run__state_id__task_run_state;
