-- alembic-to-sql: Alembic revision 9e83011d1f2a (Migrate V1 concurrency limits to V2)
-- revises: 3b86c5ea017a
-- from: prefect/server/database/_migrations/versions/postgresql/2025_09_17_091213_9e83011d1f2a_migrate_v1_concurrency_limits_to_v2.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'fetchall'): the file stops any deploy that runs it until its SQL is written by hand
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 3b86c5ea017a:9e83011d1f2a) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

DELETE FROM concurrency_limit;
