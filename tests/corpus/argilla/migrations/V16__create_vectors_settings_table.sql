-- alembic-to-sql: Alembic revision 7850ab5b42d9 (create vectors settings table)
-- revises: 84f6b9ff6076
-- from: alembic/versions/7850ab5b42d9_create_vectors_settings_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE vectors_settings (
    name VARCHAR NOT NULL, 
    title TEXT NOT NULL, 
    dimensions INTEGER NOT NULL, 
    dataset_id UUID NOT NULL, 
    id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    FOREIGN KEY(dataset_id) REFERENCES datasets (id) ON DELETE CASCADE, 
    CONSTRAINT vector_settings_name_dataset_id_uq UNIQUE (name, dataset_id)
);

CREATE INDEX ix_vectors_settings_dataset_id ON vectors_settings (dataset_id);

CREATE INDEX ix_vectors_settings_name ON vectors_settings (name);
