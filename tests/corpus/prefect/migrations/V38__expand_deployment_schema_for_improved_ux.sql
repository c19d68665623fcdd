-- alembic-to-sql: Alembic revision 60e428f92a75 (Expand deployment schema for improved ux)
-- revises: 7737221bf8a4
-- from: prefect/server/database/_migrations/versions/postgresql/2022_08_06_145817_60e428f92a75_expand_deployment_schema_for_improved_ux.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN infra_overrides JSONB DEFAULT '{}' NOT NULL;

ALTER TABLE deployment ADD COLUMN path VARCHAR;

ALTER TABLE deployment ADD COLUMN entrypoint VARCHAR;
