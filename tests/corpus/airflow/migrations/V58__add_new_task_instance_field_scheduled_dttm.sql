-- alembic-to-sql: Alembic revision 33b04e4bfa19 (Add new task_instance field scheduled_dttm.)
-- revises: 8ea135928435
-- from: migrations/versions/0057_3_0_0_add_new_task_instance_field_scheduled_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_instance ADD COLUMN scheduled_dttm TIMESTAMP WITH TIME ZONE;

ALTER TABLE task_instance_history ADD COLUMN scheduled_dttm TIMESTAMP WITH TIME ZONE;
