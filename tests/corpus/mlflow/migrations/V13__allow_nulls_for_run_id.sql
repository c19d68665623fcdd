-- alembic-to-sql: Alembic revision a8c4a736bde6 (allow nulls for run_id)
-- revises: 84291f40a231
-- from: mlflow/store/db_migrations/versions/a8c4a736bde6_allow_nulls_for_run_id.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE model_versions ALTER COLUMN run_id DROP NOT NULL;
