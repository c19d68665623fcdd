-- alembic-to-sql: Alembic revision de4033877273 (create entity_associations table)
-- revises: a1b2c3d4e5f6
-- from: mlflow/store/db_migrations/versions/de4033877273_create_entity_associations.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE entity_associations (
    association_id VARCHAR(36) NOT NULL, 
    source_type VARCHAR(36) NOT NULL, 
    source_id VARCHAR(36) NOT NULL, 
    destination_type VARCHAR(36) NOT NULL, 
    destination_id VARCHAR(36) NOT NULL, 
    created_time BIGINT, 
    CONSTRAINT entity_associations_pk PRIMARY KEY (source_type, source_id, destination_type, destination_id)
);

CREATE INDEX index_entity_associations_association_id ON entity_associations (association_id);

CREATE INDEX index_entity_associations_reverse_lookup ON entity_associations (destination_type, destination_id, source_type, source_id);
