-- alembic-to-sql: Alembic revision 17e22815139b (increase experiment tag value limit to 20000)
-- revises: 1971f2d9a75b
-- from: mlflow/store/db_migrations/versions/17e22815139b_increase_experiment_tag_value_limit.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE experiment_tags ALTER COLUMN value TYPE TEXT;
