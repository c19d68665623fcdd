-- alembic-to-sql: Alembic revision f98ae6d8e2cc (Work queue data migration)
-- revises: 0a1250a5aa25
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_31_110543_f98ae6d8e2cc_work_queue_data_migration.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'fetchone'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   op.execute('CREATE INDEX IF NOT EXISTS ix_flow_run__work_queue_id_work_queue_name ON flow_run (wo...
--   op.execute('CREATE INDEX IF NOT EXISTS ix_deployment__work_queue_id_work_queue_name ON deployment...
--   connection = op.get_bind()
--   n_work_queues_without_a_work_pool = connection.execute(sa.text('SELECT COUNT(*) FROM work_queue W...
--   if n_work_queues_without_a_work_pool > 0:
--     connection.execute(sa.text("INSERT INTO work_pool (name, type) VALUES ('default-agent-pool', 'pre...
--     default_pool_id = connection.execute(sa.text("SELECT id FROM work_pool WHERE name = 'default-agen...
--     default_queue = connection.execute(sa.text("SELECT id FROM work_queue WHERE name = 'default'")).f...
--     if not default_queue:
--       connection.execute(sa.text("INSERT INTO work_queue (name, work_pool_id) VALUES ('default', :defau...
--     connection.execute(sa.text('UPDATE work_queue SET work_pool_id = :default_pool_id WHERE work_pool...
--     default_queue_id = connection.execute(sa.text("SELECT id FROM work_queue WHERE name = 'default' a...
--     connection.execute(sa.text('UPDATE work_pool SET default_queue_id = :default_queue_id WHERE id = ...
--     queue_rows = connection.execute(sa.text('SELECT id, name FROM work_queue WHERE work_pool_id = :de...
--     with op.get_context().autocommit_block():
--       for (enumeration, row) in enumerate(queue_rows):
--         connection.execute(sa.text('UPDATE work_queue SET priority = :priority WHERE id = :id').params({'...
--         batch_size = 250
--         while True:
--           result = connection.execute(sa.text('\n UPDATE flow_run \n SET work_queue_id=:id \n WHERE flow_ru...
--           if result.rowcount <= batch_size:
--             break
--         while True:
--           result = connection.execute(sa.text('\n UPDATE deployment \n SET work_queue_id=:id \n WHERE deplo...
--           if result.rowcount <= batch_size:
--             break
--   with op.batch_alter_table('work_queue', schema=None) as batch_op:
--     batch_op.drop_constraint('uq_work_queue__name')
--     batch_op.create_unique_constraint(op.f('uq_work_queue__work_pool_id_name'), ['work_pool_id', 'nam...
--     batch_op.alter_column('work_pool_id', nullable=False)
--   op.execute('DROP INDEX IF EXISTS ix_flow_run__work_queue_id_work_queue_name')
--   op.execute('DROP INDEX IF EXISTS ix_deployment__work_queue_id_work_queue_name')
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
