-- alembic-to-sql: Alembic revision c163acd7e8e3 (Add parameters column to deployment schedules)
-- revises: 5d03c01be85e
-- from: prefect/server/database/_migrations/versions/postgresql/2025_02_03_125146_c163acd7e8e3_add_parameters_column_to_deployment_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment_schedule ADD COLUMN parameters JSONB DEFAULT '{}' NOT NULL;
