-- alembic-to-sql: Alembic revision 7a653837d9ba (Create csrf_token toble)
-- revises: 121699507574
-- from: prefect/server/database/_migrations/versions/postgresql/2024_03_13_111215_7a653837d9ba_create_csrf_token_toble.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE csrf_token (
    token VARCHAR NOT NULL, 
    client VARCHAR NOT NULL, 
    expiration TIMESTAMP WITH TIME ZONE NOT NULL, 
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    CONSTRAINT pk_csrf_token PRIMARY KEY (id), 
    CONSTRAINT uq_csrf_token__client UNIQUE (client)
);

CREATE INDEX ix_csrf_token__updated ON csrf_token (updated);
