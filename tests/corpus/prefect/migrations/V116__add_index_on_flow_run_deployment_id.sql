-- alembic-to-sql: Alembic revision 9e9dadc36797 (Add index on flow_run(deployment_id))
-- revises: 50737cdaee36
-- from: prefect/server/database/_migrations/versions/postgresql/2026_08_20_000000_9e9dadc36797_add_flow_run_deployment_id_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() calls get_bind, scalar: the statements it sends through the connection are
--   here, but whatever its Python decides from what it reads (rows, inspect(), has_table)
--   happens only online; check this file against the revision

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            ix_flow_run__deployment_id
            ON flow_run (deployment_id);
