-- alembic-to-sql: Alembic revision ae5522b4c674 (create fields table)
-- revises: e402e9d9245e
-- from: alembic/versions/ae5522b4c674_create_fields_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE fields (
    id UUID NOT NULL, 
    name VARCHAR NOT NULL, 
    title TEXT NOT NULL, 
    required BOOLEAN DEFAULT false NOT NULL, 
    settings JSON NOT NULL, 
    dataset_id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT field_name_dataset_id_uq UNIQUE (name, dataset_id), 
    FOREIGN KEY(dataset_id) REFERENCES datasets (id) ON DELETE CASCADE
);

CREATE INDEX ix_fields_dataset_id ON fields (dataset_id);

CREATE INDEX ix_fields_name ON fields (name);
