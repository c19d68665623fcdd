-- alembic-to-sql: Alembic revision 0f27d462bf6d (Removing default storage block document.)
-- revises: 112c68143fc3
-- from: prefect/server/database/_migrations/versions/postgresql/2022_07_14_114039_0f27d462bf6d_removing_default_storage_block_document.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX ix_block_document__is_default_storage_block_document;

ALTER TABLE block_document DROP COLUMN is_default_storage_block_document;
