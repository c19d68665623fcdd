-- alembic-to-sql: Alembic revision 1b2c3d4e5f6g (Add length to dag_bundle_team.dag_bundle_name.)
-- revises: ab6dc0c82d0e
-- from: migrations/versions/0090_3_2_0_add_length_dag_bundle_team_bundle_name.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_bundle_team ALTER COLUMN dag_bundle_name TYPE VARCHAR(250);
