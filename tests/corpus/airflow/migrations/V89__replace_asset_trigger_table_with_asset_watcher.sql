-- alembic-to-sql: Alembic revision 15d84ca19038 (Replace asset_trigger table with asset_watcher.)
-- revises: 509b94a1042d
-- from: migrations/versions/0088_3_2_0_replace_asset_trigger_table_with_asset.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP TABLE IF EXISTS asset_trigger;

CREATE TABLE asset_watcher (
    name VARCHAR(1500) NOT NULL, 
    asset_id INTEGER NOT NULL, 
    trigger_id INTEGER NOT NULL, 
    CONSTRAINT asset_watcher_pkey PRIMARY KEY (asset_id, trigger_id), 
    CONSTRAINT awm_asset_id_fkey FOREIGN KEY(asset_id) REFERENCES asset (id) ON DELETE CASCADE, 
    CONSTRAINT awm_trigger_id_fkey FOREIGN KEY(trigger_id) REFERENCES trigger (id) ON DELETE CASCADE
);

CREATE INDEX idx_awm_trigger_id ON asset_watcher (trigger_id);
