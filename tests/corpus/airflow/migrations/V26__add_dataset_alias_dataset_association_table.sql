-- alembic-to-sql: Alembic revision 8684e37832e6 (Add dataset_alias_dataset association table.)
-- revises: 41b3bc7c0272
-- from: migrations/versions/0025_2_10_0_dataset_alias_dataset.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE dataset_alias_dataset (
    alias_id INTEGER NOT NULL, 
    dataset_id INTEGER NOT NULL, 
    CONSTRAINT dataset_alias_dataset_pkey PRIMARY KEY (alias_id, dataset_id), 
    CONSTRAINT dataset_alias_dataset_alias_id_fkey FOREIGN KEY(alias_id) REFERENCES dataset_alias (id) ON DELETE CASCADE, 
    CONSTRAINT dataset_alias_dataset_dataset_id_fkey FOREIGN KEY(dataset_id) REFERENCES dataset (id) ON DELETE CASCADE
);

CREATE INDEX idx_dataset_alias_dataset_alias_dataset_id ON dataset_alias_dataset (dataset_id);

CREATE INDEX idx_dataset_alias_dataset_alias_id ON dataset_alias_dataset (alias_id);
