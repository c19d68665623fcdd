-- alembic-to-sql: Alembic revision d4a7e1c93f52 (Add index on flow_run(state_type, coalesce(start_time, expected_start_time)))
-- revises: c8d5f2a71b3e
-- from: prefect/server/database/_migrations/versions/postgresql/2026_09_15_000000_d4a7e1c93f52_add_flow_run_state_type_coalesce_start_time_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() failed in offline mode (RuntimeError: d4a7e1c93f52 requires an online
--   PostgreSQL migration): the file stops any deploy that runs it until its SQL is written by
--   hand
-- What upgrade() does, for writing its SQL by hand:
--   migration_context = op.get_context()
--   with migration_context.autocommit_block():
--     if migration_context.as_sql:
--       raise RuntimeError('d4a7e1c93f52 requires an online PostgreSQL migration')
--     index_query = f"\n SELECT format('%I.%I', n.nspname, c.relname), i.indisvalid\n FROM pg_index i\n...
--     index = op.get_bind().exec_driver_sql(index_query).first()
--     if index is None:
--       op.execute(f'\n CREATE INDEX CONCURRENTLY IF NOT EXISTS\n {INDEX_NAME}\n ON flow_run (state_type,...
--     else:
--       if not index[1]:
--         op.execute(f'REINDEX INDEX CONCURRENTLY {index[0]}')
--     index = op.get_bind().exec_driver_sql(index_query).first()
--     if index is None or not index[1]:
--       raise RuntimeError(f'{INDEX_NAME} is missing or invalid after creation')
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- c8d5f2a71b3e:d4a7e1c93f52) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

CREATE INDEX CONCURRENTLY IF NOT EXISTS
                ix_flow_run__state_type_coalesce_start_time
                ON flow_run (state_type, (coalesce(start_time, expected_start_time)));
