-- alembic-to-sql: Alembic revision 5d2d30f0abce (update job table)
-- revises: b7c8d9e0f1a2
-- from: mlflow/store/db_migrations/versions/5d2d30f0abce_update_job_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX index_jobs_function_status_creation_time;

ALTER TABLE jobs RENAME function_fullname TO job_name;

CREATE INDEX index_jobs_name_status_creation_time ON jobs (job_name, status, creation_time);
