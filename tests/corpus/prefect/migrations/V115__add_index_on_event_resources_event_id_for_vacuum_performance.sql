-- alembic-to-sql: Alembic revision 50737cdaee36 (Add index on event_resources(event_id) for vacuum performance)
-- revises: bad1e352c597
-- from: prefect/server/database/_migrations/versions/postgresql/2026_07_20_000000_50737cdaee36_add_event_resources_event_id_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() reads as_sql (whether it runs offline): what it does offline is not what
--   it does online, so the SQL offline mode prints is not the revision: the file stops any
--   deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   migration_context = op.get_context()
--   with migration_context.autocommit_block():
--     if not migration_context.as_sql:
--       invalid_index = op.get_bind().exec_driver_sql("\n SELECT 1\n FROM pg_class c\n JOIN pg_index i ON...
--       if invalid_index:
--         op.execute('DROP INDEX CONCURRENTLY IF EXISTS ix_event_resources__event_id')
--     op.execute('\n CREATE INDEX CONCURRENTLY IF NOT EXISTS\n ix_event_resources__event_id\n ON event_...
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- bad1e352c597:50737cdaee36) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            ix_event_resources__event_id
            ON event_resources (event_id);
