-- alembic-to-sql: Alembic revision 9c493c02ca6d (Add trgm index to block_document.name)
-- revises: cef24af2ec34
-- from: prefect/server/database/_migrations/versions/postgresql/2023_11_20_084708_9c493c02ca6d_add_trgm_index_to_block_document_name.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            trgm_ix_block_document_name
            ON block_document USING gin (name gin_trgm_ops);;
