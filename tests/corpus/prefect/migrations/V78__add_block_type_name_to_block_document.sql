-- alembic-to-sql: Alembic revision cef24af2ec34 (Add block_type_name to block document)
-- revises: bfe653bbf62e
-- from: prefect/server/database/_migrations/versions/postgresql/2023_10_30_075026_cef24af2ec34_add_block_type_name_to_block_document.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'rowcount'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   with op.batch_alter_table('block_document', schema=None) as batch_op:
--     batch_op.add_column(sa.Column('block_type_name', sa.String(), nullable=True))
--   with op.get_context().autocommit_block():
--     op.execute('\n CREATE INDEX CONCURRENTLY IF NOT EXISTS\n ix_block_document__block_type_name__name...
--   backfill_query = '\n WITH null_block_type_name_cte AS (SELECT id from block_document where block_...
--   with op.get_context().autocommit_block():
--     conn = op.get_bind()
--     while True:
--       result = conn.execute(sa.text(backfill_query))
--       if result.rowcount <= 0:
--         break
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- bfe653bbf62e:cef24af2ec34) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

ALTER TABLE block_document ADD COLUMN block_type_name VARCHAR;

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            ix_block_document__block_type_name__name
            ON block_document (block_type_name, name);

WITH null_block_type_name_cte AS (SELECT id from block_document where block_type_name is null limit 500)
        UPDATE block_document
        SET block_type_name = block_type.name
        FROM block_type, null_block_type_name_cte
        WHERE block_document.block_type_id = block_type.id
        AND block_document.id = null_block_type_name_cte.id;
