-- alembic-to-sql: Alembic revision d8cd3297971e (Add last_heartbeat_at directly to TI.)
-- revises: 5f57a45b8433
-- from: migrations/versions/0045_3_0_0_add_last_heartbeat_at_directly_to_ti.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_instance ADD COLUMN last_heartbeat_at TIMESTAMP WITH TIME ZONE;

DROP INDEX ti_job_id;

CREATE INDEX ti_heartbeat ON task_instance (last_heartbeat_at);

ALTER TABLE task_instance DROP COLUMN job_id;

ALTER TABLE task_instance_history DROP COLUMN job_id;
