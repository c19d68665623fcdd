-- alembic-to-sql: Alembic revision 4a1a0e4f89de (Add description column to artifact table)
-- revises: 7d918a392297
-- from: prefect/server/database/_migrations/versions/postgresql/2023_03_15_153039_4a1a0e4f89de_add_artifact_description_col.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE artifact ADD COLUMN description VARCHAR;
