-- alembic-to-sql: Alembic revision 4ff2f2bf81f4 (Adds block type slug)
-- revises: e085c9cbf8ce
-- from: prefect/server/database/_migrations/versions/postgresql/2022_07_25_214717_4ff2f2bf81f4_adds_block_type_slug.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (NoInspectionAvailable: No inspection system is
--   available for object of type <class 'sqlalchemy.engine.mock.MockConnection'>): the file
--   stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   op.add_column('block_type', sa.Column('slug', sa.String(), nullable=True))
--   op.drop_index('uq_block_type__name', table_name='block_type')
--   op.create_index('uq_block_type__slug', 'block_type', ['slug'], unique=True)
--   connection = op.get_bind()
--   meta_data = sa.MetaData()
--   meta_data.reflect(connection)
--   BLOCK_TYPE = meta_data.tables['block_type']
--   BLOCK_SCHEMA = meta_data.tables['block_schema']
--   block_types_result = connection.execute(sa.select(BLOCK_TYPE.c.id, BLOCK_TYPE.c.name)).all()
--   for (block_type_id, block_type_name) in block_types_result:
--     connection.execute(sa.update(BLOCK_TYPE).where(BLOCK_TYPE.c.id == block_type_id).values(slug=slug...
--     block_schemas_result = connection.execute(sa.select(BLOCK_SCHEMA.c.id, BLOCK_SCHEMA.c.fields).whe...
--     for (block_schema_id, block_schema_fields) in block_schemas_result:
--       new_fields = replace_name_with_slug(block_schema_fields)
--       connection.execute(sa.update(BLOCK_SCHEMA).where(BLOCK_SCHEMA.c.id == block_schema_id).values(fie...
--   op.alter_column('block_type', 'slug', nullable=False)
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- e085c9cbf8ce:4ff2f2bf81f4) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

ALTER TABLE block_type ADD COLUMN slug VARCHAR;

DROP INDEX uq_block_type__name;

CREATE UNIQUE INDEX uq_block_type__slug ON block_type (slug);

ALTER TABLE block_type ALTER COLUMN slug SET NOT NULL;
