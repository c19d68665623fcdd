-- alembic-to-sql: Alembic revision 121699507574 (Add job_variables column to flow-runs)
-- revises: 8cf4d4933848
-- from: prefect/server/database/_migrations/versions/postgresql/2024_03_05_122228_121699507574_add_job_variables_column_to_flow_runs.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE flow_run ADD COLUMN job_variables JSONB DEFAULT '{}';
