-- alembic-to-sql: Alembic revision 5b0e9adcef9c (add cascade deletion to trace tables foreign keys)
-- revises: 867495a8f9d4
-- from: mlflow/store/db_migrations/versions/5b0e9adcef9c_add_cascade_deletion_to_trace_tables_fk.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE trace_tags DROP CONSTRAINT fk_trace_tags_request_id;

ALTER TABLE trace_tags ADD CONSTRAINT fk_trace_tags_request_id FOREIGN KEY(request_id) REFERENCES trace_info (request_id) ON DELETE CASCADE;

ALTER TABLE trace_request_metadata DROP CONSTRAINT fk_trace_request_metadata_request_id;

ALTER TABLE trace_request_metadata ADD CONSTRAINT fk_trace_request_metadata_request_id FOREIGN KEY(request_id) REFERENCES trace_info (request_id) ON DELETE CASCADE;
