-- alembic-to-sql: Alembic revision 6d548701edef (add_created_by)
-- revises: ad4b1b4d1e9d
-- from: prefect/server/database/_migrations/versions/postgresql/2022_10_19_093902_6d548701edef_add_created_by.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN created_by JSONB;

ALTER TABLE deployment ADD COLUMN updated_by JSONB;

ALTER TABLE flow_run ADD COLUMN created_by JSONB;
