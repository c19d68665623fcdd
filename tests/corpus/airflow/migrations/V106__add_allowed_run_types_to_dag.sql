-- alembic-to-sql: Alembic revision e42d9fcd10d9 (Add allowed_run_types to dag.)
-- revises: f8c9d7e6b5a4
-- from: migrations/versions/0105_3_2_0_add_allowed_run_types_to_dag.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN allowed_run_types JSON;
