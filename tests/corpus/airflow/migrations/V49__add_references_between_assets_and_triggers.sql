-- alembic-to-sql: Alembic revision 9fc3fc5de720 (Add references between assets and triggers.)
-- revises: 2b47dc6bc8df
-- from: migrations/versions/0048_3_0_0_add_trigger_asset_reference.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE asset_trigger (
    trigger_id INTEGER NOT NULL, 
    asset_id INTEGER NOT NULL, 
    CONSTRAINT asset_trigger_pkey PRIMARY KEY (trigger_id, asset_id), 
    CONSTRAINT asset_trigger_trigger_id_fkey FOREIGN KEY(trigger_id) REFERENCES trigger (id) ON DELETE CASCADE, 
    CONSTRAINT asset_trigger_asset_id_fkey FOREIGN KEY(asset_id) REFERENCES asset (id) ON DELETE CASCADE
);

CREATE INDEX idx_asset_trigger_asset_id ON asset_trigger (asset_id);

CREATE INDEX idx_asset_trigger_trigger_id ON asset_trigger (trigger_id);
