-- alembic-to-sql: Alembic revision 660d6c6b3360 (add metadata column to datasets table)
-- revises: 237f7c674d74
-- from: alembic/versions/660d6c6b3360_add_metadata_column_to_datasets_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE datasets ADD COLUMN metadata JSON;
