-- alembic-to-sql: Alembic revision 1cdc775ca98f (Rename execution_date to logical_date.)
-- revises: a2c32e6c7729
-- from: migrations/versions/0032_3_0_0_rename_execution_date_to_logical_date_and_nullable.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_run ALTER COLUMN execution_date DROP NOT NULL;

ALTER TABLE dag_run RENAME execution_date TO logical_date;

ALTER TABLE dag_run DROP CONSTRAINT dag_run_dag_id_execution_date_key;

ALTER TABLE dag_run ADD CONSTRAINT dag_run_dag_id_logical_date_key UNIQUE (dag_id, logical_date);

ALTER TABLE log ALTER COLUMN execution_date DROP NOT NULL;

ALTER TABLE log RENAME execution_date TO logical_date;
