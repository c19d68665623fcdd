-- alembic-to-sql: Alembic revision ee1467d4aa35 (Add display name for dag and task instance.)
-- revises: b4078ac230a1
-- from: migrations/versions/0014_2_9_0_add_display_name_for_dag_and_task_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN dag_display_name VARCHAR(2000);

ALTER TABLE task_instance ADD COLUMN task_display_name VARCHAR(2000);
