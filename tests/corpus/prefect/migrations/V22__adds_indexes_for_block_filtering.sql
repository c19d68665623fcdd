-- alembic-to-sql: Alembic revision 29ad9bef6147 (Adds indexes for block filtering)
-- revises: d335ad57d5ba
-- from: prefect/server/database/_migrations/versions/postgresql/2022_06_21_093732_29ad9bef6147_adds_indexes_for_block_filtering.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE INDEX CONCURRENTLY 
            trgm_ix_block_type_name 
            ON block_type USING gin (name gin_trgm_ops);;

CREATE INDEX CONCURRENTLY
            ix_block_schema__capabilities
            ON block_schema USING gin (capabilities);
