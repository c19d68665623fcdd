-- alembic-to-sql: Alembic revision 05ea6f882b1d (Make flow_run_id nullable on task_run and log tables)
-- revises: 4e9a6f93eb6c
-- from: prefect/server/database/_migrations/versions/postgresql/2023_09_25_121806_05ea6f882b1d_remove_flow_run_id_requirement_from_task_run.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_run ALTER COLUMN flow_run_id DROP NOT NULL;

ALTER TABLE log ALTER COLUMN flow_run_id DROP NOT NULL;
