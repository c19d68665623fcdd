-- alembic-to-sql: Alembic revision fb2d4922cd79 (Tweak AssetAliasModel to match AssetModel after AIP-76.)
-- revises: 5a5d66100783
-- from: migrations/versions/0039_3_0_0_tweak_assetaliasmodel_to_match_asset.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE dataset_alias ALTER COLUMN name TYPE VARCHAR(1500);

ALTER TABLE dataset_alias ALTER COLUMN name SET NOT NULL;

ALTER TABLE dataset_alias ADD COLUMN "group" VARCHAR(1500);

UPDATE dataset_alias SET "group" = 'asset';

ALTER TABLE dataset_alias ALTER COLUMN "group" TYPE VARCHAR(1500);

ALTER TABLE dataset_alias ALTER COLUMN "group" SET NOT NULL;
