-- alembic-to-sql: Alembic revision cfd24bdc0731 (Update run status constraint with killed)
-- revises: 2b4d017a5e9b
-- from: mlflow/store/db_migrations/versions/cfd24bdc0731_update_run_status_constraint_with_killed.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE runs DROP CONSTRAINT status;

ALTER TABLE runs ALTER COLUMN status TYPE VARCHAR(9);

ALTER TABLE runs ADD CHECK (status IN ('SCHEDULED', 'FAILED', 'FINISHED', 'RUNNING', 'KILLED'));
