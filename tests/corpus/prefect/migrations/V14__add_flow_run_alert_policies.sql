-- alembic-to-sql: Alembic revision dc7a3c6fd3e9 (Add flow run alert policies)
-- revises: 1c9390e2f9c6
-- from: prefect/server/database/_migrations/versions/postgresql/2022_05_12_202952_dc7a3c6fd3e9_add_flow_run_alerts.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE flow_run_alert_queue (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    flow_run_alert_policy_id UUID NOT NULL, 
    flow_run_state_id UUID NOT NULL, 
    CONSTRAINT pk_flow_run_alert_queue PRIMARY KEY (id)
);

CREATE INDEX ix_flow_run_alert_queue__updated ON flow_run_alert_queue (updated);

CREATE TABLE flow_run_alert_policy (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    is_active BOOLEAN DEFAULT '1' NOT NULL, 
    state_names JSONB DEFAULT '[]' NOT NULL, 
    tags JSONB DEFAULT '[]' NOT NULL, 
    message_template VARCHAR, 
    block_document_id UUID NOT NULL, 
    CONSTRAINT pk_flow_run_alert PRIMARY KEY (id), 
    CONSTRAINT fk_flow_run_alert_policy__block_document_id__block_document FOREIGN KEY(block_document_id) REFERENCES block_document (id) ON DELETE cascade
);

CREATE INDEX ix_flow_run_alert_policy__name ON flow_run_alert_policy (name);

CREATE INDEX ix_flow_run_alert_policy__updated ON flow_run_alert_policy (updated);
