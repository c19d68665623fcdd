-- alembic-to-sql: Alembic revision 7d34483879f0 (Add indexes for relationship loading after workspace PK migration)
-- revises: ae8bbe7743c9
-- from: mlflow/store/db_migrations/versions/7d34483879f0_add_model_version_tags_workspace_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX idx_model_version_tags_workspace_name_version ON model_version_tags (workspace, name, version);

CREATE INDEX idx_registered_model_tags_workspace_name ON registered_model_tags (workspace, name);
