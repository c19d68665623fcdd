-- alembic-to-sql: Alembic revision 50f8c182c3ca (Adds heartbeat_interval_seconds column to worker table)
-- revises: 5f623ddbf7fe
-- from: prefect/server/database/_migrations/versions/postgresql/2023_09_06_085747_50f8c182c3ca_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE worker ADD COLUMN heartbeat_interval_seconds INTEGER;
