-- alembic-to-sql: Alembic revision 954db7517015 (Add `trigger_id` to the unique index for `automation_bucket`)
-- revises: 916718e8330f
-- from: prefect/server/database/_migrations/versions/postgresql/2024_04_09_132036_954db7517015_trigger_in_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE automation_bucket ALTER COLUMN trigger_id SET NOT NULL;

ALTER TABLE automation_bucket ALTER COLUMN triggered_at DROP NOT NULL;

DROP INDEX uq_automation_bucket__automation_id__bucketing_key;

CREATE UNIQUE INDEX uq_automation_bucket__automation_id__trigger_id__bucketing_key ON automation_bucket (automation_id, trigger_id, bucketing_key);
