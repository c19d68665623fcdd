-- alembic-to-sql: Alembic revision 1bd49d398cd23 (add secrets tables)
-- revises: bf29a5ff90ea
-- from: mlflow/store/db_migrations/versions/1bd49d398cd23_add_secrets_tables.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind (in _create_immutability_trigger()): the statements it
--   sends through the connection are here, but whatever its Python decides from what it reads
--   (rows, inspect(), has_table) happens only online; check this file against the revision

CREATE TABLE secrets (
    secret_id VARCHAR(36) NOT NULL, 
    secret_name VARCHAR(255) NOT NULL, 
    encrypted_value BYTEA NOT NULL, 
    wrapped_dek BYTEA NOT NULL, 
    kek_version INTEGER NOT NULL, 
    masked_value VARCHAR(500) NOT NULL, 
    provider VARCHAR(64), 
    auth_config TEXT, 
    description TEXT, 
    created_by VARCHAR(255), 
    created_at BIGINT NOT NULL, 
    last_updated_by VARCHAR(255), 
    last_updated_at BIGINT NOT NULL, 
    CONSTRAINT secrets_pk PRIMARY KEY (secret_id)
);

CREATE UNIQUE INDEX unique_secret_name ON secrets (secret_name);

CREATE TABLE endpoints (
    endpoint_id VARCHAR(36) NOT NULL, 
    name VARCHAR(255), 
    created_by VARCHAR(255), 
    created_at BIGINT NOT NULL, 
    last_updated_by VARCHAR(255), 
    last_updated_at BIGINT NOT NULL, 
    CONSTRAINT endpoints_pk PRIMARY KEY (endpoint_id)
);

CREATE UNIQUE INDEX unique_endpoint_name ON endpoints (name);

CREATE TABLE model_definitions (
    model_definition_id VARCHAR(36) NOT NULL, 
    name VARCHAR(255) NOT NULL, 
    secret_id VARCHAR(36), 
    provider VARCHAR(64) NOT NULL, 
    model_name VARCHAR(256) NOT NULL, 
    created_by VARCHAR(255), 
    created_at BIGINT NOT NULL, 
    last_updated_by VARCHAR(255), 
    last_updated_at BIGINT NOT NULL, 
    CONSTRAINT model_definitions_pk PRIMARY KEY (model_definition_id), 
    CONSTRAINT fk_model_definitions_secret_id FOREIGN KEY(secret_id) REFERENCES secrets (secret_id) ON DELETE SET NULL
);

CREATE UNIQUE INDEX unique_model_definition_name ON model_definitions (name);

CREATE INDEX index_model_definitions_secret_id ON model_definitions (secret_id);

CREATE INDEX index_model_definitions_provider ON model_definitions (provider);

CREATE TABLE endpoint_model_mappings (
    mapping_id VARCHAR(36) NOT NULL, 
    endpoint_id VARCHAR(36) NOT NULL, 
    model_definition_id VARCHAR(36) NOT NULL, 
    weight FLOAT NOT NULL, 
    created_by VARCHAR(255), 
    created_at BIGINT NOT NULL, 
    CONSTRAINT endpoint_model_mappings_pk PRIMARY KEY (mapping_id), 
    CONSTRAINT fk_endpoint_model_mappings_endpoint_id FOREIGN KEY(endpoint_id) REFERENCES endpoints (endpoint_id) ON DELETE CASCADE, 
    CONSTRAINT fk_endpoint_model_mappings_model_definition_id FOREIGN KEY(model_definition_id) REFERENCES model_definitions (model_definition_id)
);

CREATE INDEX index_endpoint_model_mappings_endpoint_id ON endpoint_model_mappings (endpoint_id);

CREATE INDEX index_endpoint_model_mappings_model_definition_id ON endpoint_model_mappings (model_definition_id);

CREATE UNIQUE INDEX unique_endpoint_model_mapping ON endpoint_model_mappings (endpoint_id, model_definition_id);

CREATE TABLE endpoint_bindings (
    endpoint_id VARCHAR(36) NOT NULL, 
    resource_type VARCHAR(50) NOT NULL, 
    resource_id VARCHAR(255) NOT NULL, 
    created_at BIGINT NOT NULL, 
    created_by VARCHAR(255), 
    last_updated_at BIGINT NOT NULL, 
    last_updated_by VARCHAR(255), 
    CONSTRAINT endpoint_bindings_pk PRIMARY KEY (endpoint_id, resource_type, resource_id), 
    CONSTRAINT fk_endpoint_bindings_endpoint_id FOREIGN KEY(endpoint_id) REFERENCES endpoints (endpoint_id) ON DELETE CASCADE
);

CREATE TABLE endpoint_tags (
    key VARCHAR(250) NOT NULL, 
    value VARCHAR(5000), 
    endpoint_id VARCHAR(36) NOT NULL, 
    CONSTRAINT endpoint_tag_pk PRIMARY KEY (key, endpoint_id), 
    CONSTRAINT fk_endpoint_tags_endpoint_id FOREIGN KEY(endpoint_id) REFERENCES endpoints (endpoint_id) ON DELETE CASCADE
);

CREATE INDEX index_endpoint_tags_endpoint_id ON endpoint_tags (endpoint_id);

CREATE OR REPLACE FUNCTION prevent_secrets_aad_mutation()
RETURNS TRIGGER AS $$
BEGIN
    IF OLD.secret_id != NEW.secret_id OR OLD.secret_name != NEW.secret_name THEN
        RAISE EXCEPTION 'secret_id and secret_name are immutable (used as AAD in encryption)';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;;

CREATE TRIGGER prevent_secrets_aad_mutation
BEFORE UPDATE ON secrets
FOR EACH ROW
EXECUTE FUNCTION prevent_secrets_aad_mutation();;
