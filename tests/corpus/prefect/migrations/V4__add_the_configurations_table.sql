-- alembic-to-sql: Alembic revision 679e695af6ba (Add the configurations table.)
-- revises: 5bff7878e700
-- from: prefect/server/database/_migrations/versions/postgresql/2022_02_13_125213_679e695af6ba_add_configurations.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE configuration (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    key VARCHAR NOT NULL, 
    value JSONB NOT NULL, 
    CONSTRAINT pk_configuration PRIMARY KEY (id), 
    CONSTRAINT uq_configuration__key UNIQUE (key)
);

CREATE INDEX ix_configuration__key ON configuration (key);

CREATE INDEX ix_configuration__updated ON configuration (updated);
