-- alembic-to-sql: Alembic revision 7296741dff68 (Add protected column for block types)
-- revises: 29ad9bef6147
-- from: prefect/server/database/_migrations/versions/postgresql/2022_06_20_123921_7296741dff68_add_protected_column_for_block_types.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE block_type ADD COLUMN is_protected BOOLEAN DEFAULT '0' NOT NULL;
