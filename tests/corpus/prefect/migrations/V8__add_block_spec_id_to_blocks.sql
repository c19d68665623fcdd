-- alembic-to-sql: Alembic revision b68b3cad6b8a (Add block_spec_id to blocks)
-- revises: d115556a8ab6
-- from: prefect/server/database/_migrations/versions/postgresql/2022_02_21_150017_b68b3cad6b8a_add_block_spec_id_to_blocks.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE block ADD COLUMN block_spec_id UUID NOT NULL;

ALTER TABLE block DROP CONSTRAINT uq_block__name;

CREATE UNIQUE INDEX uq_block__spec_id_name ON block (block_spec_id, name);

ALTER TABLE block ADD CONSTRAINT fk_block__block_spec_id__block_spec FOREIGN KEY(block_spec_id) REFERENCES block_spec (id) ON DELETE cascade;

ALTER TABLE block DROP COLUMN blockref;

ALTER TABLE block ADD COLUMN is_default_storage_block BOOLEAN DEFAULT '0';

CREATE INDEX ix_block__is_default_storage_block ON block (is_default_storage_block);
