-- alembic-to-sql: Alembic revision b9099dc08489 (create datasets table)
-- revises: 1769ee58fbb4
-- from: alembic/versions/b9099dc08489_create_datasets_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE datasets (
    id UUID NOT NULL, 
    name VARCHAR NOT NULL, 
    guidelines TEXT, 
    status VARCHAR NOT NULL, 
    workspace_id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT dataset_name_workspace_id_uq UNIQUE (name, workspace_id), 
    FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);

CREATE INDEX ix_datasets_name ON datasets (name);

CREATE INDEX ix_datasets_status ON datasets (status);

CREATE INDEX ix_datasets_workspace_id ON datasets (workspace_id);
