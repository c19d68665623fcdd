-- alembic-to-sql: Alembic revision c8d9e0f1a2b3 (add span metrics table and dimension attributes column)
-- revises: d0e1f2a3b4c5
-- from: mlflow/store/db_migrations/versions/c8d9e0f1a2b3_add_span_metrics_and_dimension_attributes.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind (in _get_json_type()): the statements it sends through the
--   connection are here, but whatever its Python decides from what it reads (rows, inspect(),
--   has_table) happens only online; check this file against the revision

CREATE TABLE span_metrics (
    trace_id VARCHAR(50) NOT NULL, 
    span_id VARCHAR(50) NOT NULL, 
    key VARCHAR(250) NOT NULL, 
    value FLOAT(53), 
    CONSTRAINT span_metrics_pk PRIMARY KEY (trace_id, span_id, key), 
    CONSTRAINT fk_span_metrics_span FOREIGN KEY(trace_id, span_id) REFERENCES spans (trace_id, span_id) ON DELETE CASCADE
);

CREATE INDEX index_span_metrics_trace_id_span_id ON span_metrics (trace_id, span_id);

ALTER TABLE spans ADD COLUMN dimension_attributes JSON;
