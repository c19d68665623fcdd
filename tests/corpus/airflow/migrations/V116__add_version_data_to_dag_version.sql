-- alembic-to-sql: Alembic revision a1b2c3d4e5f6 (Add version_data to dag_version.)
-- revises: a7f3b2c1d4e5
-- from: migrations/versions/0115_3_3_0_add_version_data_to_dag_version.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_version ADD COLUMN version_data JSON;
