-- alembic-to-sql: Alembic revision 7cbcccf8b57a (create metadata_properties table)
-- revises: 1e629a913727
-- from: alembic/versions/7cbcccf8b57a_create_metadata_properties_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE metadata_properties (
    id UUID NOT NULL, 
    name VARCHAR NOT NULL, 
    title TEXT NOT NULL, 
    settings JSON NOT NULL, 
    allowed_roles JSON DEFAULT '[]' NOT NULL, 
    dataset_id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    FOREIGN KEY(dataset_id) REFERENCES datasets (id) ON DELETE CASCADE, 
    CONSTRAINT metadata_property_name_dataset_id_uq UNIQUE (name, dataset_id)
);

CREATE INDEX ix_metadata_properties_dataset_id ON metadata_properties (dataset_id);

CREATE INDEX ix_metadata_properties_name ON metadata_properties (name);
