-- alembic-to-sql: Alembic revision 84291f40a231 (add run_link to model_version)
-- revises: 27a6a02d2cf1
-- from: mlflow/store/db_migrations/versions/84291f40a231_add_run_link_to_model_version.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE model_versions ADD COLUMN run_link VARCHAR(500);
