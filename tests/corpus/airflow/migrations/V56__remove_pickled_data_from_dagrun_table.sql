-- alembic-to-sql: Alembic revision e39a26ac59f6 (Remove pickled data from dagrun table.)
-- revises: 38770795785f
-- from: migrations/versions/0055_3_0_0_remove_pickled_data_from_dagrun_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() tests context.is_offline_mode(): what it does offline is not what it does
--   online, so the SQL offline mode prints is not the revision: the file stops any deploy that
--   runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   conn = op.get_bind()
--   empty_vals = {'mysql': "X'80057D942E'", 'postgresql': "'\\x80057D942E'", 'sqlite': "X'80057D942E'"}
--   dialect = conn.dialect.name
--   try:
--     empty_val = empty_vals[dialect]
--   except KeyError:
--     raise RuntimeError(f'Dialect {dialect} not supported.')
--   conf_type = sa.JSON().with_variant(postgresql.JSONB, 'postgresql')
--   op.add_column('dag_run', sa.Column('conf_json', conf_type, nullable=True))
--   if context.is_offline_mode():
--     print(dedent("\n ------------\n -- WARNING: Unable to migrate the data in the 'conf' column while...
--   else:
--     BATCH_SIZE = 1000
--     offset = 0
--     while True:
--       err_count = 0
--       batch_num = offset + 1
--       print(f'converting dag run conf. batch={batch_num}')
--       rows = conn.execute(text(f'SELECT id, conf FROM dag_run WHERE conf IS not NULL AND conf != {empty...
--       if not rows:
--         break
--       for row in rows:
--         row_id, pickle_data = row
--         try:
--           original_data = pickle.loads(pickle_data)
--           json_data = json.dumps(_json_safe(original_data))
--           conn.execute(text('\n UPDATE dag_run\n SET conf_json = :json_data\n WHERE id = :id\n '), {'json_d...
--         except Exception:
--           err_count += 1
--           continue
--       if err_count:
--         print(f'could not convert dag run conf for {err_count} records. batch={batch_num}')
--       offset += BATCH_SIZE
--   op.drop_column('dag_run', 'conf')
--   op.alter_column('dag_run', 'conf_json', existing_type=conf_type, new_column_name='conf')
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when apache-airflow-core 3.3.2 (alembic -c airflow/alembic.ini) ran it
-- online (alembic upgrade 38770795785f:e39a26ac59f6) on a database built by the revisions
-- before it and holding no rows, less its reads (SELECT) and alembic_version. What its Python
-- does with existing rows (loops, batches until no row changes, rows it reads and writes back)
-- is not here: read the revision before deploying this file to a database with data.

ALTER TABLE dag_run ADD COLUMN conf_json JSONB;

ALTER TABLE dag_run DROP COLUMN conf;

ALTER TABLE dag_run RENAME conf_json TO conf;
