-- alembic-to-sql: Alembic revision 27a6a02d2cf1 (add model version tags table)
-- revises: 728d730b5ebd
-- from: mlflow/store/db_migrations/versions/27a6a02d2cf1_add_model_version_tags_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE model_version_tags (
    key VARCHAR(250) NOT NULL, 
    value VARCHAR(5000), 
    name VARCHAR(256) NOT NULL, 
    version INTEGER NOT NULL, 
    CONSTRAINT model_version_tag_pk PRIMARY KEY (key, name, version), 
    FOREIGN KEY(name, version) REFERENCES model_versions (name, version) ON UPDATE cascade
);
