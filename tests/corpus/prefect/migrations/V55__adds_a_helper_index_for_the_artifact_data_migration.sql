-- alembic-to-sql: Alembic revision 2882cd2df464 (Adds a helper index for the artifact data migration)
-- revises: 2882cd2df463
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_26_045501_2882cd2df464_create_migration_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'rowcount'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   with op.batch_alter_table('flow_run_state', schema=None) as batch_op:
--     batch_op.add_column(sa.Column('has_data', sa.Boolean))
--     batch_op.create_index(batch_op.f('ix_flow_run_state__has_data'), ['has_data'], unique=False)
--   with op.batch_alter_table('task_run_state', schema=None) as batch_op:
--     batch_op.add_column(sa.Column('has_data', sa.Boolean))
--     batch_op.create_index(batch_op.f('ix_task_run_state__has_data'), ['has_data'], unique=False)
--   def populate_flow_has_data_in_batches(batch_size): return f"\n UPDATE flow_run_state\n SET has_da...
--   def populate_task_has_data_in_batches(batch_size): return f"\n UPDATE task_run_state\n SET has_da...
--   migration_statements = [populate_flow_has_data_in_batches, populate_task_has_data_in_batches]
--   with op.get_context().autocommit_block():
--     conn = op.get_bind()
--     for query in migration_statements:
--       batch_size = 500
--       while True:
--         sql_stmt = sa.text(query(batch_size))
--         result = conn.execute(sql_stmt)
--         if result.rowcount < batch_size:
--           break
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 2882cd2df463:2882cd2df464) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

ALTER TABLE flow_run_state ADD COLUMN has_data BOOLEAN;

CREATE INDEX ix_flow_run_state__has_data ON flow_run_state (has_data);

ALTER TABLE task_run_state ADD COLUMN has_data BOOLEAN;

CREATE INDEX ix_task_run_state__has_data ON task_run_state (has_data);

UPDATE flow_run_state
            SET has_data = (data IS NOT NULL AND data != 'null')
            WHERE flow_run_state.id in (SELECT id FROM flow_run_state WHERE (has_data IS NULL) LIMIT 500);

UPDATE task_run_state
            SET has_data = (data IS NOT NULL AND data != 'null')
            WHERE task_run_state.id in (SELECT id FROM task_run_state WHERE (has_data IS NULL) LIMIT 500);
