-- alembic-to-sql: Alembic revision 5a5d66100783 (Add AssetActive to track orphaning instead of a flag.)
-- revises: c3389cd7793f
-- from: migrations/versions/0038_3_0_0_add_asset_active.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE asset_active (
    name VARCHAR(1500) NOT NULL, 
    uri VARCHAR(1500) NOT NULL, 
    CONSTRAINT asset_active_pkey PRIMARY KEY (name, uri), 
    CONSTRAINT asset_active_asset_name_uri_fkey FOREIGN KEY(name, uri) REFERENCES dataset (name, uri) ON DELETE CASCADE
);

CREATE UNIQUE INDEX idx_asset_active_name_unique ON asset_active (name);

CREATE UNIQUE INDEX idx_asset_active_uri_unique ON asset_active (uri);

insert into asset_active (name, uri) select name, uri from dataset where is_orphaned = false;

ALTER TABLE dataset DROP COLUMN is_orphaned;
