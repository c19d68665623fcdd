-- alembic-to-sql: Alembic revision c9d4e5f6a7b8 (add routing strategy to endpoints and linkage type to mappings)
-- revises: 5d2d30f0abce
-- from: mlflow/store/db_migrations/versions/c9d4e5f6a7b8_add_routing_strategy_to_endpoints.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE endpoints ADD COLUMN routing_strategy VARCHAR(64);

ALTER TABLE endpoints ADD COLUMN fallback_config_json TEXT;

ALTER TABLE endpoint_model_mappings ADD COLUMN linkage_type VARCHAR(64) DEFAULT 'PRIMARY' NOT NULL;

ALTER TABLE endpoint_model_mappings ADD COLUMN fallback_order INTEGER;

DROP INDEX unique_endpoint_model_mapping;

CREATE UNIQUE INDEX unique_endpoint_model_linkage_mapping ON endpoint_model_mappings (endpoint_id, model_definition_id, linkage_type);
