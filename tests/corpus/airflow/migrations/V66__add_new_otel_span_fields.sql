-- alembic-to-sql: Alembic revision ec62e120484d (Add new otel span fields.)
-- revises: be2cc2f742cf
-- from: migrations/versions/0065_3_0_0_add_new_otel_span_fields.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_run ADD COLUMN scheduled_by_job_id INTEGER;

ALTER TABLE dag_run ADD COLUMN context_carrier JSONB;

ALTER TABLE dag_run ADD COLUMN span_status VARCHAR(250) DEFAULT 'not_started' NOT NULL;

ALTER TABLE task_instance ADD COLUMN context_carrier JSONB;

ALTER TABLE task_instance ADD COLUMN span_status VARCHAR(250) DEFAULT 'not_started' NOT NULL;

ALTER TABLE task_instance_history ADD COLUMN context_carrier JSONB;

ALTER TABLE task_instance_history ADD COLUMN span_status VARCHAR(250) DEFAULT 'not_started' NOT NULL;
