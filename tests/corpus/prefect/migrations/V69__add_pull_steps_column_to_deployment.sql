-- alembic-to-sql: Alembic revision 43c94d4c7aa3 (Add pull steps column to deployment)
-- revises: 6a1eb3d442e4
-- from: prefect/server/database/_migrations/versions/postgresql/2023_04_05_130406_43c94d4c7aa3_add_pull_steps_column_to_deployment.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN pull_steps JSONB;
