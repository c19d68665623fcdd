-- alembic-to-sql: Alembic revision 3ff6484f8b37 (add metadata column to records table)
-- revises: ae5522b4c674
-- from: alembic/versions/3ff6484f8b37_add_metadata_column_to_records_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE records ADD COLUMN metadata JSON;
