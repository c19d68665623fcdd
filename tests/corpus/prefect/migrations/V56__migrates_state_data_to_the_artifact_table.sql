-- alembic-to-sql: Alembic revision 2882cd2df465 (Migrates state data to the artifact table)
-- revises: 2882cd2df464
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_26_045501_2882cd2df465_migrate_artifact_data.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'rowcount'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   def update_task_run_artifact_data_in_batches(batch_size, offset): return f'\n INSERT INTO artifac...
--   def update_task_run_state_from_artifact_id_in_batches(batch_size, offset): return f'\n UPDATE tas...
--   def update_flow_run_artifact_data_in_batches(batch_size, offset): return f'\n INSERT INTO artifac...
--   def update_flow_run_state_from_artifact_id_in_batches(batch_size, offset): return f'\n UPDATE flo...
--   data_migration_queries = [update_task_run_artifact_data_in_batches, update_task_run_state_from_ar...
--   with op.get_context().autocommit_block():
--     conn = op.get_bind()
--     for query in data_migration_queries:
--       batch_size = 500
--       offset = 0
--       while True:
--         sql_stmt = sa.text(query(batch_size, offset))
--         result = conn.execute(sql_stmt)
--         if result.rowcount <= 0:
--           break
--         offset += batch_size
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 2882cd2df464:2882cd2df465) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

INSERT INTO artifact (task_run_state_id, task_run_id, data)
            SELECT id, task_run_id, data
            FROM task_run_state
            WHERE has_data IS TRUE
            ORDER BY id
            LIMIT 500 OFFSET 0;

UPDATE task_run_state
            SET result_artifact_id = (SELECT id FROM artifact WHERE task_run_state.id = task_run_state_id)
            WHERE task_run_state.id in (SELECT id FROM task_run_state WHERE (has_data IS TRUE) AND (result_artifact_id IS NULL) LIMIT 500);

INSERT INTO artifact (flow_run_state_id, flow_run_id, data)
            SELECT id, flow_run_id, data
            FROM flow_run_state
            WHERE has_data IS TRUE
            ORDER BY id
            LIMIT 500 OFFSET 0;

UPDATE flow_run_state
            SET result_artifact_id = (SELECT id FROM artifact WHERE flow_run_state.id = flow_run_state_id)
            WHERE flow_run_state.id in (SELECT id FROM flow_run_state WHERE (has_data IS TRUE) AND (result_artifact_id IS NULL) LIMIT 500);
