-- alembic-to-sql: Alembic revision ae8bbe7743c9 (add guardrails and guardrail_configs tables)
-- revises: a5b4c3d2e1f0
-- from: mlflow/store/db_migrations/versions/ae8bbe7743c9_add_guardrails_tables.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE guardrails (
    guardrail_id VARCHAR(36) NOT NULL, 
    name VARCHAR(255) NOT NULL, 
    scorer_id VARCHAR(36) NOT NULL, 
    scorer_version INTEGER NOT NULL, 
    stage VARCHAR(32) NOT NULL, 
    action VARCHAR(32) NOT NULL, 
    action_endpoint_id VARCHAR(36), 
    created_by VARCHAR(255), 
    created_at BIGINT NOT NULL, 
    last_updated_by VARCHAR(255), 
    last_updated_at BIGINT NOT NULL, 
    workspace VARCHAR(63) DEFAULT 'default' NOT NULL, 
    CONSTRAINT guardrails_pk PRIMARY KEY (guardrail_id), 
    CONSTRAINT fk_guardrails_scorer_version FOREIGN KEY(scorer_id, scorer_version) REFERENCES scorer_versions (scorer_id, scorer_version), 
    CONSTRAINT fk_guardrails_action_endpoint_id FOREIGN KEY(action_endpoint_id) REFERENCES endpoints (endpoint_id) ON DELETE SET NULL
);

CREATE INDEX idx_guardrails_workspace ON guardrails (workspace);

CREATE INDEX idx_guardrails_scorer ON guardrails (scorer_id, scorer_version);

CREATE TABLE guardrail_configs (
    endpoint_id VARCHAR(36) NOT NULL, 
    guardrail_id VARCHAR(36) NOT NULL, 
    execution_order INTEGER, 
    created_by VARCHAR(255), 
    created_at BIGINT NOT NULL, 
    workspace VARCHAR(63) DEFAULT 'default' NOT NULL, 
    CONSTRAINT guardrail_configs_pk PRIMARY KEY (endpoint_id, guardrail_id), 
    CONSTRAINT fk_guardrail_configs_endpoint_id FOREIGN KEY(endpoint_id) REFERENCES endpoints (endpoint_id) ON DELETE CASCADE, 
    CONSTRAINT fk_guardrail_configs_guardrail_id FOREIGN KEY(guardrail_id) REFERENCES guardrails (guardrail_id) ON DELETE CASCADE
);

CREATE INDEX idx_guardrail_configs_endpoint_id ON guardrail_configs (endpoint_id);

CREATE INDEX idx_guardrail_configs_guardrail_id ON guardrail_configs (guardrail_id);
