-- alembic-to-sql: Alembic revision b7e2c1a4d9f3 (add creator column to jobs)
-- revises: 17e22815139b
-- from: mlflow/store/db_migrations/versions/b7e2c1a4d9f3_add_jobs_creator.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE jobs ADD COLUMN creator VARCHAR(255);
