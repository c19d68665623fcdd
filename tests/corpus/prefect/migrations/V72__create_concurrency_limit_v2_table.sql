-- alembic-to-sql: Alembic revision 5f623ddbf7fe (Create concurrency_limit_v2 table)
-- revises: 15f5083c16bd
-- from: prefect/server/database/_migrations/versions/postgresql/2023_08_02_133838_5f623ddbf7fe_create_concurrency_limit_v2_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE concurrency_limit_v2 (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    active BOOLEAN NOT NULL, 
    name VARCHAR NOT NULL, 
    "limit" INTEGER NOT NULL, 
    active_slots INTEGER NOT NULL, 
    denied_slots INTEGER NOT NULL, 
    slot_decay_per_second FLOAT, 
    avg_slot_occupancy_seconds FLOAT NOT NULL, 
    CONSTRAINT pk_concurrency_limit_v2 PRIMARY KEY (id), 
    CONSTRAINT uq_concurrency_limit_v2__name UNIQUE (name)
);

CREATE INDEX ix_concurrency_limit_v2__updated ON concurrency_limit_v2 (updated);
