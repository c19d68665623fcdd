-- alembic-to-sql: Alembic revision 808787349f22 (Modify deadline's callback schema.)
-- revises: 3bda03debd04
-- from: migrations/versions/0080_3_1_0_modify_deadline_callback_schema.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() tests context.is_offline_mode(): what it does offline is not what it does
--   online, so the SQL offline mode prints is not the revision: the file stops any deploy that
--   runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   if context.is_offline_mode():
--     print(dedent('\n ------------\n -- WARNING: Unable to migrate the data in the deadline table\n --...
--     op.execute('DELETE FROM deadline')
--     with op.batch_alter_table('deadline', schema=None) as batch_op:
--       batch_op.drop_column('callback')
--       batch_op.drop_column('callback_kwargs')
--       batch_op.add_column(sa.Column('callback', sa.JSON(), nullable=False))
--     return
--   conn = op.get_bind()
--   batch_size = conf.getint('database', 'migration_batch_size', fallback=1000)
--   with op.batch_alter_table('deadline', schema=None) as batch_op:
--     batch_op.add_column(sa.Column('callback_new', sa.JSON(), nullable=True))
--   deadline_read = sa.table('deadline', sa.column('id'), sa.column('callback'), sa.column('callback_...
--   deadline_write = sa.table('deadline', sa.column('id'), sa.column('callback_new', sa.JSON()))
--   while True:
--     rows = conn.execute(sa.select(deadline_read.c.id, deadline_read.c.callback, deadline_read.c.callb...
--     if not rows:
--       break
--     batch = []
--     for row in rows:
--       path = row[1] or ''
--       kwargs = row[2]
--       if isinstance(kwargs, str):
--         kwargs = json.loads(kwargs) if kwargs else {}
--       if not isinstance(kwargs, dict):
--         kwargs = {}
--       batch.append({'row_id': row[0], 'new_callback': {'__data__': {'path': path, 'kwargs': kwargs}, '_...
--     conn.execute(sa.update(deadline_write).where(deadline_write.c.id == sa.bindparam('row_id')).value...
--     if len(rows) < batch_size:
--       break
--   with op.batch_alter_table('deadline', schema=None) as batch_op:
--     batch_op.drop_column('callback')
--     batch_op.drop_column('callback_kwargs')
--     batch_op.alter_column('callback_new', new_column_name='callback', existing_type=sa.JSON(), nullab...
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when apache-airflow-core 3.3.2 (alembic -c airflow/alembic.ini) ran it
-- online (alembic upgrade 3bda03debd04:808787349f22) on a database built by the revisions
-- before it and holding no rows, less its reads (SELECT) and alembic_version. What its Python
-- does with existing rows (loops, batches until no row changes, rows it reads and writes back)
-- is not here: read the revision before deploying this file to a database with data.

ALTER TABLE deadline ADD COLUMN callback_new JSON;

ALTER TABLE deadline DROP COLUMN callback;

ALTER TABLE deadline DROP COLUMN callback_kwargs;

ALTER TABLE deadline ALTER COLUMN callback_new SET NOT NULL;

ALTER TABLE deadline RENAME callback_new TO callback;
