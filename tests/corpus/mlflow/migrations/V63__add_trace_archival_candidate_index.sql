-- alembic-to-sql: Alembic revision 1971f2d9a75b (add trace archival candidate index)
-- revises: 6f8d9c3b2a1e
-- from: mlflow/store/db_migrations/versions/1971f2d9a75b_add_trace_archival_candidate_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX index_trace_info_timestamp_ms_request_id ON trace_info (timestamp_ms, request_id);
