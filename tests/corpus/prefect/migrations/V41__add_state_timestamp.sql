-- alembic-to-sql: Alembic revision 22b7cb02e593 (Add state_timestamp)
-- revises: 2d5e000696f1
-- from: prefect/server/database/_migrations/versions/postgresql/2022_10_12_102048_22b7cb02e593_add_state_timestamp.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'rowcount'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   with op.batch_alter_table('flow_run', schema=None) as batch_op:
--     batch_op.add_column(sa.Column('state_timestamp', prefect.server.utilities.database.Timestamp(time...
--     batch_op.create_index('ix_flow_run__state_timestamp', ['state_timestamp'], unique=False)
--   with op.batch_alter_table('task_run', schema=None) as batch_op:
--     batch_op.add_column(sa.Column('state_timestamp', prefect.server.utilities.database.Timestamp(time...
--     batch_op.create_index('ix_task_run__state_timestamp', ['state_timestamp'], unique=False)
--   update_flow_run_state_timestamp_in_batches = '\n WITH null_flow_run_state_timestamp_cte as (SELEC...
--   update_task_run_state_timestamp_in_batches = '\n WITH null_task_run_state_timestamp_cte as (SELEC...
--   with op.get_context().autocommit_block():
--     conn = op.get_bind()
--     while True:
--       result = conn.execute(sa.text(update_flow_run_state_timestamp_in_batches))
--       if result.rowcount <= 0:
--         break
--     while True:
--       result = conn.execute(sa.text(update_task_run_state_timestamp_in_batches))
--       if result.rowcount <= 0:
--         break
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 2d5e000696f1:22b7cb02e593) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

ALTER TABLE flow_run ADD COLUMN state_timestamp TIMESTAMP WITH TIME ZONE;

CREATE INDEX ix_flow_run__state_timestamp ON flow_run (state_timestamp);

ALTER TABLE task_run ADD COLUMN state_timestamp TIMESTAMP WITH TIME ZONE;

CREATE INDEX ix_task_run__state_timestamp ON task_run (state_timestamp);

WITH null_flow_run_state_timestamp_cte as (SELECT id from flow_run where state_timestamp is null and state_id is not null limit 500)
        UPDATE flow_run
        SET state_timestamp = flow_run_state.timestamp
        FROM flow_run_state, null_flow_run_state_timestamp_cte
        WHERE flow_run.state_id = flow_run_state.id
        AND flow_run.id = null_flow_run_state_timestamp_cte.id;

WITH null_task_run_state_timestamp_cte as (SELECT id from task_run where state_timestamp is null and state_id is not null limit 500)
        UPDATE task_run
        SET state_timestamp = task_run_state.timestamp
        FROM task_run_state, null_task_run_state_timestamp_cte
        WHERE task_run.state_id = task_run_state.id
        AND task_run.id = null_task_run_state_timestamp_cte.id;
