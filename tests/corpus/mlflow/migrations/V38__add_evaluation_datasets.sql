-- alembic-to-sql: Alembic revision 71994744cf8e (add evaluation datasets)
-- revises: 534353b11cbc
-- from: mlflow/store/db_migrations/versions/71994744cf8e_add_evaluation_datasets.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind (in _get_json_type()): the statements it sends through the
--   connection are here, but whatever its Python decides from what it reads (rows, inspect(),
--   has_table) happens only online; check this file against the revision

CREATE TABLE evaluation_datasets (
    dataset_id VARCHAR(36) NOT NULL, 
    name VARCHAR(255) NOT NULL, 
    schema TEXT, 
    profile TEXT, 
    digest VARCHAR(64), 
    created_time BIGINT, 
    last_update_time BIGINT, 
    created_by VARCHAR(255), 
    last_updated_by VARCHAR(255), 
    CONSTRAINT evaluation_datasets_pk PRIMARY KEY (dataset_id)
);

CREATE INDEX index_evaluation_datasets_name ON evaluation_datasets (name);

CREATE INDEX index_evaluation_datasets_created_time ON evaluation_datasets (created_time);

CREATE TABLE evaluation_dataset_tags (
    dataset_id VARCHAR(36) NOT NULL, 
    key VARCHAR(255) NOT NULL, 
    value VARCHAR(5000), 
    CONSTRAINT evaluation_dataset_tags_pk PRIMARY KEY (dataset_id, key), 
    CONSTRAINT fk_evaluation_dataset_tags_dataset_id FOREIGN KEY(dataset_id) REFERENCES evaluation_datasets (dataset_id) ON DELETE CASCADE
);

CREATE INDEX index_evaluation_dataset_tags_dataset_id ON evaluation_dataset_tags (dataset_id);

CREATE TABLE evaluation_dataset_records (
    dataset_record_id VARCHAR(36) NOT NULL, 
    dataset_id VARCHAR(36) NOT NULL, 
    inputs JSON NOT NULL, 
    expectations JSON, 
    tags JSON, 
    source JSON, 
    source_id VARCHAR(36), 
    source_type VARCHAR(255), 
    created_time BIGINT, 
    last_update_time BIGINT, 
    created_by VARCHAR(255), 
    last_updated_by VARCHAR(255), 
    input_hash VARCHAR(64) NOT NULL, 
    CONSTRAINT evaluation_dataset_records_pk PRIMARY KEY (dataset_record_id), 
    CONSTRAINT fk_evaluation_dataset_records_dataset_id FOREIGN KEY(dataset_id) REFERENCES evaluation_datasets (dataset_id) ON DELETE CASCADE
);

CREATE INDEX index_evaluation_dataset_records_dataset_id ON evaluation_dataset_records (dataset_id);

ALTER TABLE evaluation_dataset_records ADD CONSTRAINT unique_dataset_input UNIQUE (dataset_id, input_hash);
