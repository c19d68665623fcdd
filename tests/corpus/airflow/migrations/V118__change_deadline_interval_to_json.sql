-- alembic-to-sql: Alembic revision 8812eb67b63c (Change Deadline interval to JSON.)
-- revises: acc215baed80
-- from: migrations/versions/0117_3_3_0_change_deadline_interval_to_json.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() tests context.is_offline_mode(): what it does offline is not what it does
--   online, so the SQL offline mode prints is not the revision: the file stops any deploy that
--   runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   conn = op.get_bind()
--   dialect = conn.dialect.name
--   if context.is_offline_mode():
--     print('\n Manual conversion required:\n\n PostgreSQL:\n\n Step 1: Convert column type.\n ALTER TA...
--     return
--   with op.batch_alter_table('deadline_alert') as batch_op:
--     if dialect == 'postgresql':
--       batch_op.alter_column('interval', existing_type=sa.FLOAT(), type_=sa.JSON(), postgresql_using='to...
--     else:
--       batch_op.alter_column('interval', existing_type=sa.FLOAT(), type_=sa.JSON(), existing_nullable=Fa...
--   if dialect == 'postgresql':
--     op.execute("\n UPDATE deadline_alert\n SET interval = json_build_object(\n '__classname__', 'date...
--   else:
--     if dialect == 'mysql':
--       op.execute("\n UPDATE deadline_alert\n SET `interval` = JSON_OBJECT(\n '__classname__', 'datetime...
--     else:
--       op.execute('\n UPDATE deadline_alert\n SET interval =\n \'{"__classname__":"datetime.timedelta","...
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when apache-airflow-core 3.3.2 (alembic -c airflow/alembic.ini) ran it
-- online (alembic upgrade acc215baed80:8812eb67b63c) on a database built by the revisions
-- before it and holding no rows, less its reads (SELECT) and alembic_version. What its Python
-- does with existing rows (loops, batches until no row changes, rows it reads and writes back)
-- is not here: read the revision before deploying this file to a database with data.

ALTER TABLE deadline_alert ALTER COLUMN interval TYPE JSON USING to_json(interval);

UPDATE deadline_alert
            SET interval = json_build_object(
                '__classname__', 'datetime.timedelta',
                '__version__', 2,
                '__data__', (interval::text)::float
            )
            WHERE jsonb_typeof(interval::jsonb) = 'number';
