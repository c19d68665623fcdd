-- alembic-to-sql: Alembic revision 1a0cddfcaa16 (Add webhooks and webhook_events tables)
-- revises: de4033877273
-- from: mlflow/store/db_migrations/versions/1a0cddfcaa16_add_webhooks_and_webhook_events_tables.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE webhooks (
    webhook_id VARCHAR(256) NOT NULL, 
    name VARCHAR(256) NOT NULL, 
    description VARCHAR(1000), 
    url VARCHAR(500) NOT NULL, 
    status VARCHAR(20) DEFAULT 'ACTIVE' NOT NULL, 
    secret VARCHAR(1000), 
    creation_timestamp BIGINT, 
    last_updated_timestamp BIGINT, 
    deleted_timestamp BIGINT, 
    CONSTRAINT webhook_pk PRIMARY KEY (webhook_id)
);

CREATE INDEX idx_webhooks_status ON webhooks (status);

CREATE INDEX idx_webhooks_name ON webhooks (name);

CREATE TABLE webhook_events (
    webhook_id VARCHAR(256) NOT NULL, 
    entity VARCHAR(50) NOT NULL, 
    action VARCHAR(50) NOT NULL, 
    CONSTRAINT webhook_event_pk PRIMARY KEY (webhook_id, entity, action), 
    FOREIGN KEY(webhook_id) REFERENCES webhooks (webhook_id) ON DELETE cascade
);

CREATE INDEX idx_webhook_events_entity ON webhook_events (entity);

CREATE INDEX idx_webhook_events_action ON webhook_events (action);

CREATE INDEX idx_webhook_events_entity_action ON webhook_events (entity, action);
