-- alembic-to-sql: Alembic revision bda6fe24314e (create vectors table)
-- revises: 7850ab5b42d9
-- from: alembic/versions/bda6fe24314e_create_vectors_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE vectors (
    value JSON NOT NULL, 
    record_id UUID NOT NULL, 
    vector_settings_id UUID NOT NULL, 
    id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    FOREIGN KEY(record_id) REFERENCES records (id) ON DELETE CASCADE, 
    FOREIGN KEY(vector_settings_id) REFERENCES vectors_settings (id) ON DELETE CASCADE, 
    CONSTRAINT vector_record_id_vector_settings_id_uq UNIQUE (record_id, vector_settings_id)
);

CREATE INDEX ix_vectors_record_id ON vectors (record_id);

CREATE INDEX ix_vectors_vector_settings_id ON vectors (vector_settings_id);
