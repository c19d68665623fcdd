-- alembic-to-sql: Alembic revision db0eb3973a54 (Adds enforce_parameter_schema column to deployment table)
-- revises: 50f8c182c3ca
-- from: prefect/server/database/_migrations/versions/postgresql/2023_09_20_134544_db0eb3973a54_adds_enforce_parameter_schema_column_to_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN enforce_parameter_schema BOOLEAN DEFAULT '0' NOT NULL;
