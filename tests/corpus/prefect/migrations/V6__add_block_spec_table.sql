-- alembic-to-sql: Alembic revision 4799f657a6a1 (Add block_spec table)
-- revises: d9d98a9ebb6f
-- from: prefect/server/database/_migrations/versions/postgresql/2022_02_20_103844_4799f657a6a1_add_block_spec_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE block_spec (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    version VARCHAR NOT NULL, 
    type VARCHAR, 
    fields JSONB DEFAULT '{}' NOT NULL, 
    CONSTRAINT pk_block_spec PRIMARY KEY (id)
);

CREATE INDEX ix_block_spec__updated ON block_spec (updated);

CREATE UNIQUE INDEX uq_block_spec__name_version ON block_spec (name, version);

CREATE INDEX ix_block_spec__type ON block_spec (type);

DROP INDEX ix_block_data__name;

DROP INDEX ix_block_data__updated;

CREATE INDEX ix_block__name ON block (name);

CREATE INDEX ix_block__updated ON block (updated);

ALTER TABLE block ADD CONSTRAINT uq_block__name UNIQUE (name);
