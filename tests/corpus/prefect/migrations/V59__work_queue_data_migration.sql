-- alembic-to-sql: Alembic revision f98ae6d8e2cc (Work queue data migration)
-- revises: 0a1250a5aa25
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_31_110543_f98ae6d8e2cc_work_queue_data_migration.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'fetchone'): the file stops any deploy that runs it until its SQL is written by hand
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 0a1250a5aa25:f98ae6d8e2cc) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

CREATE INDEX IF NOT EXISTS ix_flow_run__work_queue_id_work_queue_name ON flow_run (work_queue_id, work_queue_name);

CREATE INDEX IF NOT EXISTS ix_deployment__work_queue_id_work_queue_name ON deployment (work_queue_id, work_queue_name);

ALTER TABLE work_queue DROP CONSTRAINT uq_work_queue__name;

ALTER TABLE work_queue ADD CONSTRAINT uq_work_queue__work_pool_id_name UNIQUE (work_pool_id, name);

ALTER TABLE work_queue ALTER COLUMN work_pool_id SET NOT NULL;

DROP INDEX IF EXISTS ix_flow_run__work_queue_id_work_queue_name;

DROP INDEX IF EXISTS ix_deployment__work_queue_id_work_queue_name;
