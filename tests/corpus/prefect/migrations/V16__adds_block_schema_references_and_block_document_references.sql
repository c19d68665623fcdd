-- alembic-to-sql: Alembic revision 2fe6fe6ca16e (Adds block schema references and block document references)
-- revises: 724e6dcc6b5d
-- from: prefect/server/database/_migrations/versions/postgresql/2022_05_28_081821_2fe6fe6ca16e_adds_block_schema_references_and_block_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (NoInspectionAvailable: No inspection system is
--   available for object of type <class 'sqlalchemy.engine.mock.MockConnection'>): the file
--   stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   op.create_table('block_schema_reference', sa.Column('id', prefect.server.utilities.database.UUID(...
--   op.create_index(op.f('ix_block_schema_reference__updated'), 'block_schema_reference', ['updated']...
--   op.create_table('block_document_reference', sa.Column('id', prefect.server.utilities.database.UUI...
--   op.create_index(op.f('ix_block_document_reference__updated'), 'block_document_reference', ['updat...
--   connection = op.get_bind()
--   meta_data = sa.MetaData()
--   meta_data.reflect(connection)
--   BLOCK_SCHEMA = meta_data.tables['block_schema']
--   BLOCK_TYPE = meta_data.tables['block_type']
--   block_schemas = connection.execute(sa.select(BLOCK_SCHEMA.c.id, BLOCK_SCHEMA.c.fields, BLOCK_SCHE...
--   for (id, fields, block_type_id) in block_schemas:
--     block_type_result = connection.execute(sa.select(BLOCK_TYPE.c.name).where(BLOCK_TYPE.c.id == bloc...
--     block_type_name = block_type_result[0]
--     updated_fields = {**fields, 'block_type_name': block_type_name, 'block_schema_references': {}}
--     updated_title = BLOCK_SCHEMA_TITLE_MAP.get(block_type_name)
--     if updated_title is not None:
--       updated_fields['title'] = updated_title
--     updated_checksum = Block._calculate_schema_checksum(updated_fields)
--     connection.execute(sa.update(BLOCK_SCHEMA).where(BLOCK_SCHEMA.c.id == id).values(fields=updated_f...
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 724e6dcc6b5d:2fe6fe6ca16e) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

CREATE TABLE block_schema_reference (
	id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
	created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	name VARCHAR NOT NULL, 
	parent_block_schema_id UUID NOT NULL, 
	reference_block_schema_id UUID NOT NULL, 
	CONSTRAINT pk_block_schema_reference PRIMARY KEY (id), 
	CONSTRAINT fk_block_schema_reference__parent_block_schema_id__block_schema FOREIGN KEY(parent_block_schema_id) REFERENCES block_schema (id) ON DELETE cascade, 
	CONSTRAINT fk_block_schema_reference__reference_block_schema_id__b_6e5d FOREIGN KEY(reference_block_schema_id) REFERENCES block_schema (id) ON DELETE cascade
);

CREATE INDEX ix_block_schema_reference__updated ON block_schema_reference (updated);

CREATE TABLE block_document_reference (
	id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
	created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
	name VARCHAR NOT NULL, 
	parent_block_document_id UUID NOT NULL, 
	reference_block_document_id UUID NOT NULL, 
	CONSTRAINT pk_block_document_reference PRIMARY KEY (id), 
	CONSTRAINT fk_block_document_reference__parent_block_document_id___328f FOREIGN KEY(parent_block_document_id) REFERENCES block_document (id) ON DELETE cascade, 
	CONSTRAINT fk_block_document_reference__reference_block_document_i_5759 FOREIGN KEY(reference_block_document_id) REFERENCES block_document (id) ON DELETE cascade
);

CREATE INDEX ix_block_document_reference__updated ON block_document_reference (updated);
