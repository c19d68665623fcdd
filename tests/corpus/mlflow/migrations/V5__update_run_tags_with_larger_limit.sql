-- alembic-to-sql: Alembic revision 7ac759974ad8 (Update run tags with larger limit)
-- revises: df50e92ffc5e
-- from: mlflow/store/db_migrations/versions/7ac759974ad8_update_run_tags_with_larger_limit.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE tags ALTER COLUMN value TYPE VARCHAR(5000);
