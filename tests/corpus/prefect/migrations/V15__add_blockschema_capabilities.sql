-- alembic-to-sql: Alembic revision 724e6dcc6b5d (Add BlockSchema capabilities)
-- revises: dc7a3c6fd3e9
-- from: prefect/server/database/_migrations/versions/postgresql/2022_05_26_135743_724e6dcc6b5d_add_block_schema_capabilities.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (NoInspectionAvailable: No inspection system is
--   available for object of type <class 'sqlalchemy.engine.mock.MockConnection'>): the file
--   stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   op.add_column('block_schema', sa.Column('capabilities', prefect.server.utilities.database.JSON(as...
--   connection = op.get_bind()
--   meta_data = sa.MetaData()
--   meta_data.reflect(connection)
--   BLOCK_SCHEMA = meta_data.tables['block_schema']
--   results = connection.execute(sa.select(BLOCK_SCHEMA.c.id, BLOCK_SCHEMA.c.type))
--   for (id, type) in results:
--     if type == 'STORAGE':
--       connection.execute(sa.update(BLOCK_SCHEMA).where(BLOCK_SCHEMA.c.id == id).values(capabilities=['w...
--   op.drop_index('ix_block_schema__type', table_name='block_schema')
--   op.drop_column('block_schema', 'type')
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- dc7a3c6fd3e9:724e6dcc6b5d) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

ALTER TABLE block_schema ADD COLUMN capabilities JSONB DEFAULT '[]' NOT NULL;

DROP INDEX ix_block_schema__type;

ALTER TABLE block_schema DROP COLUMN type;
