-- alembic-to-sql: Alembic revision d20618ce678e (Add artifact_collection table)
-- revises: aa84ac237ce8
-- from: prefect/server/database/_migrations/versions/postgresql/2023_03_20_185238_d20618ce678e_add_artifact_collection_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE artifact_collection (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    key VARCHAR NOT NULL, 
    latest_id UUID, 
    CONSTRAINT pk_artifact_collection PRIMARY KEY (id), 
    CONSTRAINT uq_artifact_collection__key UNIQUE (key)
);

CREATE INDEX ix_artifact_collection__key_latest_id ON artifact_collection (key, latest_id);
