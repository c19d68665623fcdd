-- alembic-to-sql: Alembic revision 2d5e000696f1 (Adds block schema version)
-- revises: 77eb737fc759
-- from: prefect/server/database/_migrations/versions/postgresql/2022_08_18_102804_2d5e000696f1_adds_block_schema_version.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE block_schema ADD COLUMN version VARCHAR DEFAULT 'non-versioned' NOT NULL;

DROP INDEX uq_block_schema__checksum;

CREATE UNIQUE INDEX uq_block_schema__checksum_version ON block_schema (checksum, version);
