-- alembic-to-sql: Alembic revision f5a4f2784254 (increase run tag value limit to 8000)
-- revises: 4465047574b1
-- from: mlflow/store/db_migrations/versions/f5a4f2784254_increase_run_tag_value_limit.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE tags ALTER COLUMN value TYPE VARCHAR(8000);
