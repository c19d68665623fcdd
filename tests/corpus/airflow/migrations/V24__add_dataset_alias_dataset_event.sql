-- alembic-to-sql: Alembic revision ec3471c1e067 (Add dataset_alias_dataset_event.)
-- revises: 05e19f3176be
-- from: migrations/versions/0023_2_10_0_dataset_alias_dataset_event.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE dataset_alias_dataset_event (
    alias_id INTEGER NOT NULL, 
    event_id INTEGER NOT NULL, 
    CONSTRAINT dataset_alias_dataset_event_pkey PRIMARY KEY (alias_id, event_id), 
    CONSTRAINT dataset_alias_dataset_event_alias_id_fkey FOREIGN KEY(alias_id) REFERENCES dataset_alias (id) ON DELETE CASCADE, 
    CONSTRAINT dataset_alias_dataset_event_event_id_fkey FOREIGN KEY(event_id) REFERENCES dataset_event (id) ON DELETE CASCADE
);

CREATE INDEX idx_dataset_alias_dataset_event_alias_id ON dataset_alias_dataset_event (alias_id);

CREATE INDEX idx_dataset_alias_dataset_event_event_id ON dataset_alias_dataset_event (event_id);
