-- alembic-to-sql: Alembic revision 50737cdaee36 (Add index on event_resources(event_id) for vacuum performance)
-- revises: bad1e352c597
-- from: prefect/server/database/_migrations/versions/postgresql/2026_07_20_000000_50737cdaee36_add_event_resources_event_id_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() calls get_bind, scalar: the statements it sends through the connection are
--   here, but whatever its Python decides from what it reads (rows, inspect(), has_table)
--   happens only online; check this file against the revision

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            ix_event_resources__event_id
            ON event_resources (event_id);
