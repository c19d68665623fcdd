-- alembic-to-sql: Alembic revision 0d9e73a75ee4 (Add name and group fields to DatasetModel.)
-- revises: 44eabb1904b4
-- from: migrations/versions/0036_3_0_0_add_name_field_to_dataset_model.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

DROP INDEX idx_name_unique;

CREATE UNIQUE INDEX idx_dataset_alias_name_unique ON dataset_alias (name);

ALTER TABLE dataset ADD COLUMN name VARCHAR(1500);

ALTER TABLE dataset ADD COLUMN "group" VARCHAR(1500);

UPDATE dataset SET name = uri, "group" = 'asset';

ALTER TABLE dataset ALTER COLUMN name SET NOT NULL;

ALTER TABLE dataset ALTER COLUMN uri TYPE VARCHAR(1500);

ALTER TABLE dataset ALTER COLUMN uri SET NOT NULL;

ALTER TABLE dataset ALTER COLUMN "group" TYPE VARCHAR(1500);

ALTER TABLE dataset ALTER COLUMN "group" SET NOT NULL;

DROP INDEX idx_uri_unique;

CREATE UNIQUE INDEX idx_dataset_name_uri_unique ON dataset (name, uri);
