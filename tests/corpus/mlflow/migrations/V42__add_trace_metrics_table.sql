-- alembic-to-sql: Alembic revision b7c8d9e0f1a2 (add trace metrics table)
-- revises: 1bd49d398cd23
-- from: mlflow/store/db_migrations/versions/b7c8d9e0f1a2_add_trace_metrics_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE trace_metrics (
    request_id VARCHAR(50) NOT NULL, 
    key VARCHAR(250) NOT NULL, 
    value FLOAT(53), 
    CONSTRAINT trace_metrics_pk PRIMARY KEY (request_id, key), 
    CONSTRAINT fk_trace_metrics_request_id FOREIGN KEY(request_id) REFERENCES trace_info (request_id) ON DELETE CASCADE
);

CREATE INDEX index_trace_metrics_request_id ON trace_metrics (request_id);
