-- alembic-to-sql: Alembic revision 4160a4841eed (Remove flow run notifications)
-- revises: 7a73514ca2d6
-- from: prefect/server/database/_migrations/versions/postgresql/2025_04_29_112902_4160a4841eed_remove_flow_run_notifications.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'fetchall'): the file stops any deploy that runs it until its SQL is written by hand
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 7a73514ca2d6:4160a4841eed) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

DROP TABLE flow_run_notification_queue;

DROP TABLE flow_run_notification_policy;
