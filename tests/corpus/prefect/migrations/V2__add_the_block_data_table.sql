-- alembic-to-sql: Alembic revision 5f376def75c3 (Add the block data table.)
-- revises: 25f4b90a7a42
-- from: prefect/server/database/_migrations/versions/postgresql/2022_02_13_125213_5f376def75c3_block_data.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE block_data (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    blockref VARCHAR NOT NULL, 
    data JSONB DEFAULT '{}' NOT NULL, 
    CONSTRAINT pk_block_data PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_block_data__name ON block_data (name);

CREATE INDEX ix_block_data__updated ON block_data (updated);
