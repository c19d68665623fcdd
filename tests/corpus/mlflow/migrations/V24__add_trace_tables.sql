-- alembic-to-sql: Alembic revision 867495a8f9d4 (add trace tables)
-- revises: acf3f17fdcc7
-- from: mlflow/store/db_migrations/versions/867495a8f9d4_add_trace_tables.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE trace_info (
    request_id VARCHAR(50) NOT NULL, 
    experiment_id INTEGER NOT NULL, 
    timestamp_ms BIGINT NOT NULL, 
    execution_time_ms BIGINT, 
    status VARCHAR(50) NOT NULL, 
    CONSTRAINT trace_info_pk PRIMARY KEY (request_id), 
    CONSTRAINT fk_trace_info_experiment_id FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id)
);

CREATE INDEX index_trace_info_experiment_id_timestamp_ms ON trace_info (experiment_id, timestamp_ms);

CREATE TABLE trace_tags (
    key VARCHAR(250) NOT NULL, 
    value VARCHAR(8000), 
    request_id VARCHAR(50) NOT NULL, 
    CONSTRAINT trace_tag_pk PRIMARY KEY (key, request_id), 
    CONSTRAINT fk_trace_tags_request_id FOREIGN KEY(request_id) REFERENCES trace_info (request_id)
);

CREATE INDEX index_trace_tags_request_id ON trace_tags (request_id);

CREATE TABLE trace_request_metadata (
    key VARCHAR(250) NOT NULL, 
    value VARCHAR(8000), 
    request_id VARCHAR(50) NOT NULL, 
    CONSTRAINT trace_request_metadata_pk PRIMARY KEY (key, request_id), 
    CONSTRAINT fk_trace_request_metadata_request_id FOREIGN KEY(request_id) REFERENCES trace_info (request_id)
);

CREATE INDEX index_trace_request_metadata_request_id ON trace_request_metadata (request_id);
