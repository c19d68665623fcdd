-- alembic-to-sql: Alembic revision a5b4c3d2e1f0 (add composite index on metrics (run_uuid, key, step))
-- revises: c3d6457b6d8a
-- from: mlflow/store/db_migrations/versions/a5b4c3d2e1f0_add_metrics_run_key_step_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX index_metrics_run_uuid_key_step ON metrics (run_uuid, key, step);
