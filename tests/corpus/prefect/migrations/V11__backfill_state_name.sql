-- alembic-to-sql: Alembic revision 14dc68cc5853 (Backfill state_name)
-- revises: 605ebb4e9155
-- from: prefect/server/database/_migrations/versions/postgresql/2022_04_21_095519_14dc68cc5853_backfill_state_name.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'rowcount'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   update_flow_run_state_name_in_batches = '\n WITH null_flow_run_state_name_cte as (SELECT id from ...
--   update_task_run_state_name_in_batches = '\n WITH null_task_run_state_name_cte as (SELECT id from ...
--   with op.get_context().autocommit_block():
--     conn = op.get_bind()
--     while True:
--       result = conn.execute(sa.text(update_flow_run_state_name_in_batches))
--       if result.rowcount <= 0:
--         break
--     while True:
--       result = conn.execute(sa.text(update_task_run_state_name_in_batches))
--       if result.rowcount <= 0:
--         break
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 605ebb4e9155:14dc68cc5853) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

WITH null_flow_run_state_name_cte as (SELECT id from flow_run where state_name is null and state_id is not null limit 500)
        UPDATE flow_run
        SET state_name = flow_run_state.name
        FROM flow_run_state, null_flow_run_state_name_cte
        WHERE flow_run.state_id = flow_run_state.id
        AND flow_run.id = null_flow_run_state_name_cte.id;

WITH null_task_run_state_name_cte as (SELECT id from task_run where state_name is null and state_id is not null limit 500)
        UPDATE task_run
        SET state_name = task_run_state.name
        FROM task_run_state, null_task_run_state_name_cte
        WHERE task_run.state_id = task_run_state.id
        AND task_run.id = null_task_run_state_name_cte.id;
