-- alembic-to-sql: Alembic revision 038dc8bc6284 (Update trigger_timeout column in task_instance table to UTC.)
-- revises: e229247a6cb1
-- from: migrations/versions/0051_3_0_0_update_task_instance_trigger_timeout_to_utcdatetime.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_instance ALTER COLUMN trigger_timeout TYPE TIMESTAMP WITH TIME ZONE;
