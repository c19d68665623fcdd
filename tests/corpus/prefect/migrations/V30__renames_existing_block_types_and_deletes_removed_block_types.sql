-- alembic-to-sql: Alembic revision bb4dc90d3e29 (Renames existing block types and deletes removed block types)
-- revises: 0f27d462bf6d
-- from: prefect/server/database/_migrations/versions/postgresql/2022_07_19_160058_bb4dc90d3e29_renames_existing_block_types.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (NoInspectionAvailable: No inspection system is
--   available for object of type <class 'sqlalchemy.engine.mock.MockConnection'>): the file
--   stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   connection = op.get_bind()
--   meta_data = sa.MetaData()
--   meta_data.reflect(connection)
--   BLOCK_TYPE = meta_data.tables['block_type']
--   for block_type_rename_config in BLOCK_TYPES_TO_RENAME:
--     connection.execute(sa.update(BLOCK_TYPE).where(BLOCK_TYPE.c.name == block_type_rename_config['OLD...
--   for block_type_name in BLOCK_TYPES_TO_REMOVE:
--     connection.execute(sa.delete(BLOCK_TYPE).where(BLOCK_TYPE.c.name == block_type_name))
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 0f27d462bf6d:bb4dc90d3e29) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

UPDATE block_type SET name='Date Time'::VARCHAR WHERE block_type.name = 'DateTime'::VARCHAR;

UPDATE block_type SET name='Environment Variable'::VARCHAR WHERE block_type.name = 'EnvironmentVariable'::VARCHAR;

UPDATE block_type SET name='Kubernetes Cluster Config'::VARCHAR WHERE block_type.name = 'KubernetesClusterConfig'::VARCHAR;

UPDATE block_type SET name='Local File System'::VARCHAR WHERE block_type.name = 'LocalFileSystem'::VARCHAR;

UPDATE block_type SET name='Remote File System'::VARCHAR WHERE block_type.name = 'RemoteFileSystem'::VARCHAR;

DELETE FROM block_type WHERE block_type.name = 'Azure Blob Storage'::VARCHAR;

DELETE FROM block_type WHERE block_type.name = 'File Storage'::VARCHAR;

DELETE FROM block_type WHERE block_type.name = 'Google Cloud Storage'::VARCHAR;

DELETE FROM block_type WHERE block_type.name = 'KV Server Storage'::VARCHAR;

DELETE FROM block_type WHERE block_type.name = 'Local Storage'::VARCHAR;

DELETE FROM block_type WHERE block_type.name = 'S3 Storage'::VARCHAR;

DELETE FROM block_type WHERE block_type.name = 'Temporary Local Storage'::VARCHAR;
