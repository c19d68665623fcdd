-- alembic-to-sql: Alembic revision d38c5e6a9115 (Rename Block to BlockDocument and BlockSpec to BlockSchema)
-- revises: 14dc68cc5853
-- from: prefect/server/database/_migrations/versions/postgresql/2022_04_23_132803_d38c5e6a9115_rename_block_to_blockbasis_and_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE block_spec RENAME TO block_schema;

ALTER TABLE block RENAME TO block_document;

DROP INDEX ix_block__is_default_storage_block;

DROP INDEX ix_block__name;

DROP INDEX ix_block__updated;

DROP INDEX uq_block__spec_id_name;

ALTER TABLE block_document RENAME block_spec_id TO block_schema_id;

ALTER TABLE block_document RENAME is_default_storage_block TO is_default_storage_block_document;

ALTER TABLE block_document DROP CONSTRAINT fk_block__block_spec_id__block_spec;

ALTER TABLE block_document DROP CONSTRAINT pk_block_data;

CREATE INDEX ix_block_document__is_default_storage_block_document ON block_document (is_default_storage_block_document);

CREATE INDEX ix_block_document__name ON block_document (name);

CREATE INDEX ix_block_document__updated ON block_document (updated);

CREATE UNIQUE INDEX uq_block__schema_id_name ON block_document (block_schema_id, name);

DROP INDEX ix_block_spec__type;

DROP INDEX ix_block_spec__updated;

DROP INDEX uq_block_spec__name_version;

CREATE INDEX ix_block_schema__type ON block_schema (type);

CREATE INDEX ix_block_schema__updated ON block_schema (updated);

CREATE UNIQUE INDEX uq_block_schema__name_version ON block_schema (name, version);

ALTER TABLE block_schema DROP CONSTRAINT pk_block_spec;

ALTER TABLE block_schema ADD CONSTRAINT pk_block_schema PRIMARY KEY (id);

ALTER TABLE block_document ADD CONSTRAINT pk_block_document PRIMARY KEY (id);

ALTER TABLE block_document ADD CONSTRAINT fk_block__block_schema_id__block_schema FOREIGN KEY(block_schema_id) REFERENCES block_schema (id) ON DELETE cascade;
