-- alembic-to-sql: Alembic revision 1c9390e2f9c6 (Replace version with checksum and create block_type table)
-- revises: d38c5e6a9115
-- from: prefect/server/database/_migrations/versions/postgresql/2022_05_10_145956_1c9390e2f9c6_replace_version_with_checksum_and_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (NoInspectionAvailable: No inspection system is
--   available for object of type <class 'sqlalchemy.engine.mock.MockConnection'>): the file
--   stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   op.create_table('block_type', sa.Column('id', prefect.server.utilities.database.UUID(), server_de...
--   op.create_index(op.f('ix_block_type__updated'), 'block_type', ['updated'], unique=False)
--   op.create_index('uq_block_type__name', 'block_type', ['name'], unique=True)
--   op.add_column('block_document', sa.Column('block_type_id', prefect.server.utilities.database.UUID...
--   op.drop_index('uq_block__schema_id_name', table_name='block_document')
--   op.create_index('uq_block__type_id_name', 'block_document', ['block_type_id', 'name'], unique=True)
--   op.create_foreign_key(op.f('fk_block_document__block_type_id__block_type'), 'block_document', 'bl...
--   op.add_column('block_schema', sa.Column('checksum', sa.String(), nullable=True))
--   op.add_column('block_schema', sa.Column('block_type_id', prefect.server.utilities.database.UUID()...
--   op.drop_index('uq_block_schema__name_version', table_name='block_schema')
--   op.create_index(op.f('ix_block_schema__checksum'), 'block_schema', ['checksum'], unique=False)
--   op.create_index('uq_block_schema__checksum', 'block_schema', ['checksum'], unique=True)
--   op.create_foreign_key(op.f('fk_block_schema__block_type_id__block_type'), 'block_schema', 'block_...
--   op.drop_column('block_schema', 'version')
--   connection = op.get_bind()
--   meta_data = sa.MetaData()
--   meta_data.reflect(connection)
--   BLOCK_SCHEMA = meta_data.tables['block_schema']
--   BLOCK_TYPE = meta_data.tables['block_type']
--   BLOCK_DOCUMENT = meta_data.tables['block_document']
--   results = connection.execute(sa.select(BLOCK_SCHEMA.c.id, BLOCK_SCHEMA.c.name, BLOCK_SCHEMA.c.fie...
--   for (id, name, fields) in results:
--     schema_checksum = Block._calculate_schema_checksum(fields)
--     connection.execute(sa.update(BLOCK_SCHEMA).where(BLOCK_SCHEMA.c.id == id).values(checksum=schema_...
--     block_type_result = connection.execute(sa.select(BLOCK_TYPE.c.id).where(BLOCK_TYPE.c.name == name...
--     if block_type_result is None:
--       connection.execute(sa.insert(BLOCK_TYPE).values(name=name))
--     block_type_result = connection.execute(sa.select(BLOCK_TYPE.c.id).where(BLOCK_TYPE.c.name == name...
--     new_block_type_id = block_type_result[0]
--     connection.execute(sa.update(BLOCK_SCHEMA).where(BLOCK_SCHEMA.c.id == id).values(block_type_id=ne...
--     block_document_results = connection.execute(sa.select(BLOCK_DOCUMENT.c.id).where(BLOCK_DOCUMENT.c...
--     for block_document in block_document_results:
--       connection.execute(sa.update(BLOCK_DOCUMENT).where(BLOCK_DOCUMENT.c.id == block_document[0]).valu...
--   op.drop_column('block_schema', 'name')
--   op.alter_column('block_schema', 'checksum', existing_type=sa.VARCHAR(), nullable=False)
--   op.alter_column('block_schema', 'block_type_id', existing_type=sa.VARCHAR(), nullable=False)
--   op.alter_column('block_document', 'block_type_id', existing_type=sa.VARCHAR(), nullable=False)
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- d38c5e6a9115:1c9390e2f9c6) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

CREATE TABLE block_type (
	id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
	created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	name VARCHAR NOT NULL, 
	logo_url VARCHAR, 
	documentation_url VARCHAR, 
	CONSTRAINT pk_block_type PRIMARY KEY (id)
);

CREATE INDEX ix_block_type__updated ON block_type (updated);

CREATE UNIQUE INDEX uq_block_type__name ON block_type (name);

ALTER TABLE block_document ADD COLUMN block_type_id UUID;

DROP INDEX uq_block__schema_id_name;

CREATE UNIQUE INDEX uq_block__type_id_name ON block_document (block_type_id, name);

ALTER TABLE block_document ADD CONSTRAINT fk_block_document__block_type_id__block_type FOREIGN KEY(block_type_id) REFERENCES block_type (id) ON DELETE cascade;

ALTER TABLE block_schema ADD COLUMN checksum VARCHAR;

ALTER TABLE block_schema ADD COLUMN block_type_id UUID;

DROP INDEX uq_block_schema__name_version;

CREATE INDEX ix_block_schema__checksum ON block_schema (checksum);

CREATE UNIQUE INDEX uq_block_schema__checksum ON block_schema (checksum);

ALTER TABLE block_schema ADD CONSTRAINT fk_block_schema__block_type_id__block_type FOREIGN KEY(block_type_id) REFERENCES block_type (id) ON DELETE cascade;

ALTER TABLE block_schema DROP COLUMN version;

ALTER TABLE block_schema DROP COLUMN name;

ALTER TABLE block_schema ALTER COLUMN checksum SET NOT NULL;

ALTER TABLE block_schema ALTER COLUMN block_type_id SET NOT NULL;

ALTER TABLE block_document ALTER COLUMN block_type_id SET NOT NULL;
