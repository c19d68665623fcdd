-- alembic-to-sql: Alembic revision 6953534de441 (add step to inputs table)
-- revises: 400f98739977
-- from: mlflow/store/db_migrations/versions/6953534de441_add_step_to_inputs_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE inputs ADD COLUMN step BIGINT DEFAULT '0' NOT NULL;
