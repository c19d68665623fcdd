-- alembic-to-sql: Alembic revision 8ea135928435 (Add relative fileloc column.)
-- revises: e39a26ac59f6
-- from: migrations/versions/0056_3_0_0_add_relative_fileloc_column.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN relative_fileloc VARCHAR(2000);
