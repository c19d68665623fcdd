-- alembic-to-sql: Alembic revision 770bee3ae1dd (add assessments table)
-- revises: cbc13b556ace
-- from: mlflow/store/db_migrations/versions/770bee3ae1dd_add_assessments_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE assessments (
    assessment_id VARCHAR(50) NOT NULL, 
    trace_id VARCHAR(50) NOT NULL, 
    name VARCHAR(250) NOT NULL, 
    assessment_type VARCHAR(20) NOT NULL, 
    value TEXT NOT NULL, 
    error TEXT, 
    created_timestamp BIGINT NOT NULL, 
    last_updated_timestamp BIGINT NOT NULL, 
    source_type VARCHAR(50) NOT NULL, 
    source_id VARCHAR(250), 
    run_id VARCHAR(32), 
    span_id VARCHAR(50), 
    rationale TEXT, 
    overrides VARCHAR(50), 
    valid BOOLEAN NOT NULL, 
    assessment_metadata TEXT, 
    CONSTRAINT assessments_pk PRIMARY KEY (assessment_id), 
    CONSTRAINT fk_assessments_trace_id FOREIGN KEY(trace_id) REFERENCES trace_info (request_id) ON DELETE CASCADE
);

CREATE INDEX index_assessments_trace_id_created_timestamp ON assessments (trace_id, created_timestamp);

CREATE INDEX index_assessments_run_id_created_timestamp ON assessments (run_id, created_timestamp);

CREATE INDEX index_assessments_last_updated_timestamp ON assessments (last_updated_timestamp);

CREATE INDEX index_assessments_assessment_type ON assessments (assessment_type);
