-- alembic-to-sql: Alembic revision 733ca1903976 (Create `flow_run_input` table)
-- revises: 9c493c02ca6d
-- from: prefect/server/database/_migrations/versions/postgresql/2023_12_07_095320_733ca1903976_create_flow_run_input_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE flow_run_input (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    key VARCHAR NOT NULL, 
    value TEXT NOT NULL, 
    flow_run_id UUID NOT NULL, 
    CONSTRAINT pk_flow_run_input PRIMARY KEY (id), 
    CONSTRAINT uq_flow_run_input__flow_run_id_key UNIQUE (flow_run_id, key)
);

CREATE INDEX ix_flow_run_input__updated ON flow_run_input (updated);
