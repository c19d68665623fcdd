-- alembic-to-sql: Alembic revision 2b4d017a5e9b (add model registry tables to db)
-- revises: 89d4b8295536
-- from: mlflow/store/db_migrations/versions/2b4d017a5e9b_add_model_registry_tables_to_db.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls Session, get_bind: the statements it sends through the connection
--   are here, but whatever its Python decides from what it reads (rows, inspect(), has_table)
--   happens only online; check this file against the revision

CREATE TABLE registered_models (
    name VARCHAR(256) NOT NULL, 
    creation_time BIGINT, 
    last_updated_time BIGINT, 
    description VARCHAR(5000), 
    CONSTRAINT registered_model_pk PRIMARY KEY (name), 
    UNIQUE (name)
);

CREATE TABLE model_versions (
    name VARCHAR(256) NOT NULL, 
    version INTEGER NOT NULL, 
    creation_time BIGINT, 
    last_updated_time BIGINT, 
    description VARCHAR(5000), 
    user_id VARCHAR(256), 
    current_stage VARCHAR(20), 
    source VARCHAR(500), 
    run_id VARCHAR(32) NOT NULL, 
    status VARCHAR(20), 
    status_message VARCHAR(500), 
    CONSTRAINT model_version_pk PRIMARY KEY (name, version), 
    FOREIGN KEY(name) REFERENCES registered_models (name) ON UPDATE cascade
);
