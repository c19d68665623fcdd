-- alembic-to-sql: Alembic revision bda7b8c39065 (increase_model_version_tag_value_limit)
-- revises: 6953534de441
-- from: mlflow/store/db_migrations/versions/bda7b8c39065_increase_model_version_tag_value_limit.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE model_version_tags ALTER COLUMN value TYPE TEXT;
