-- alembic-to-sql: Alembic revision 728d730b5ebd (add registered model tags table)
-- revises: 0a8213491aaa
-- from: mlflow/store/db_migrations/versions/728d730b5ebd_add_registered_model_tags_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE registered_model_tags (
    key VARCHAR(250) NOT NULL, 
    value VARCHAR(5000), 
    name VARCHAR(256) NOT NULL, 
    CONSTRAINT registered_model_tag_pk PRIMARY KEY (key, name), 
    FOREIGN KEY(name) REFERENCES registered_models (name) ON UPDATE cascade
);
