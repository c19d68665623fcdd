-- alembic-to-sql: Alembic revision aa1234567890 (Add tags column to automation table)
-- revises: 1c9bb7f78263
-- from: prefect/server/database/_migrations/versions/postgresql/2025_06_12_144500_add_automation_tags_aa1234567890.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE automation ADD COLUMN tags JSONB DEFAULT '[]' NOT NULL;
