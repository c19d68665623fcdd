-- alembic-to-sql: Alembic revision a1b2c3d4e5f6 (add spans table)
-- revises: 770bee3ae1dd
-- from: mlflow/store/db_migrations/versions/a1b2c3d4e5f6_add_spans_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE spans (
    trace_id VARCHAR(50) NOT NULL, 
    experiment_id INTEGER NOT NULL, 
    span_id VARCHAR(50) NOT NULL, 
    parent_span_id VARCHAR(50), 
    name TEXT, 
    type VARCHAR(500), 
    status VARCHAR(50) NOT NULL, 
    start_time_unix_nano BIGINT NOT NULL, 
    end_time_unix_nano BIGINT, 
    duration_ns BIGINT GENERATED ALWAYS AS (end_time_unix_nano - start_time_unix_nano) STORED, 
    content TEXT NOT NULL, 
    CONSTRAINT spans_pk PRIMARY KEY (trace_id, span_id), 
    CONSTRAINT fk_spans_trace_id FOREIGN KEY(trace_id) REFERENCES trace_info (request_id) ON DELETE CASCADE, 
    CONSTRAINT fk_spans_experiment_id FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id)
);

CREATE INDEX index_spans_experiment_id ON spans (experiment_id);

CREATE INDEX index_spans_experiment_id_status_type ON spans (experiment_id, status, type);

CREATE INDEX index_spans_experiment_id_type_status ON spans (experiment_id, type, status);

CREATE INDEX index_spans_experiment_id_duration ON spans (experiment_id, duration_ns);
