-- alembic-to-sql: Alembic revision cbc13b556ace (add V3 trace schema columns)
-- revises: bda7b8c39065
-- from: mlflow/store/db_migrations/versions/cbc13b556ace_add_v3_trace_schema_columns.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE trace_info ADD COLUMN client_request_id VARCHAR(50);

ALTER TABLE trace_info ADD COLUMN request_preview VARCHAR(1000);

ALTER TABLE trace_info ADD COLUMN response_preview VARCHAR(1000);
