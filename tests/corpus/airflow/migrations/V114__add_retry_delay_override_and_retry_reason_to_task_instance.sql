-- alembic-to-sql: Alembic revision b8f3e4a1d2c9 (Add retry_delay_override and retry_reason to task_instance.)
-- revises: fde9ed84d07b
-- from: migrations/versions/0113_3_3_0_add_retry_policy_fields_to_ti.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_instance ADD COLUMN retry_delay_override FLOAT;

ALTER TABLE task_instance ADD COLUMN retry_reason VARCHAR(500);

ALTER TABLE task_instance_history ADD COLUMN retry_delay_override FLOAT;

ALTER TABLE task_instance_history ADD COLUMN retry_reason VARCHAR(500);
