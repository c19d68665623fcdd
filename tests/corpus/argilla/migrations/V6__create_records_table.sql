-- alembic-to-sql: Alembic revision 8be56284dac0 (create records table)
-- revises: 3a8e2f9b5dea
-- from: alembic/versions/8be56284dac0_create_records_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE records (
    id UUID NOT NULL, 
    fields JSON NOT NULL, 
    external_id VARCHAR, 
    dataset_id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT record_external_id_dataset_id_uq UNIQUE (external_id, dataset_id), 
    FOREIGN KEY(dataset_id) REFERENCES datasets (id) ON DELETE CASCADE
);

CREATE INDEX ix_records_dataset_id ON records (dataset_id);

CREATE INDEX ix_records_external_id ON records (external_id);
