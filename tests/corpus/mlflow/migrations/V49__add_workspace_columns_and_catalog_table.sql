-- alembic-to-sql: Alembic revision 1b5f0d9ad7c1 (Add workspace columns and catalog table)
-- revises: c8d9e0f1a2b3
-- from: mlflow/store/db_migrations/versions/1b5f0d9ad7c1_add_workspace_columns_and_catalog.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (NoInspectionAvailable: No inspection system is
--   available for object of type <class 'sqlalchemy.engine.mock.MockConnection'>): the file
--   stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   conn = op.get_bind()
--   inspector = inspect(conn)
--   dialect_name = conn.dialect.name
--   schema = op.get_context().version_table_schema or inspector.default_schema_name
--   def _get_unique_constraints(table_name: str): try: return inspector.get_unique_constraints(table_...
--   def _get_unique_indexes(table_name: str): try: return inspector.get_indexes(table_name) except No...
--   def _detect_unique_on_column(table_name: str, column_name: str='name'): """Detect unique constrai...
--   def _collect_foreign_keys(table: str, referred_table: str): names = [] for fk in inspector.get_fo...
--   def _create_workspace_indexes_and_catalog(): op.create_index('idx_experiments_workspace', 'experi...
--   experiments_unique_constraint, experiments_unique_index = _detect_unique_on_column('experiments')
--   registered_models_unique_constraint, registered_models_unique_index = _detect_unique_on_column('r...
--   secrets_unique_constraint, secrets_unique_index = _detect_unique_on_column('secrets', 'secret_name')
--   endpoints_unique_constraint, endpoints_unique_index = _detect_unique_on_column('endpoints')
--   model_definitions_unique_constraint, model_definitions_unique_index = _detect_unique_on_column('m...
--   fk_model_versions = _collect_foreign_keys('model_versions', 'registered_models')
--   fk_registered_model_tags = _collect_foreign_keys('registered_model_tags', 'registered_models')
--   fk_registered_model_aliases = _collect_foreign_keys('registered_model_aliases', 'registered_models')
--   fk_model_version_tags = _collect_foreign_keys('model_version_tags', 'model_versions')
--   if dialect_name == 'sqlite':
--     with _with_batch('experiments') as batch_op:
--       if experiments_unique_constraint:
--         batch_op.drop_constraint(experiments_unique_constraint, type_='unique')
--       else:
--         if experiments_unique_index:
--           batch_op.drop_index(experiments_unique_index)
--       batch_op.add_column(_workspace_column())
--       batch_op.create_unique_constraint('uq_experiments_workspace_name', ['workspace', 'name'])
--     with _with_batch('registered_models') as batch_op:
--       if registered_models_unique_constraint:
--         batch_op.drop_constraint(registered_models_unique_constraint, type_='unique')
--       else:
--         if registered_models_unique_index:
--           batch_op.drop_index(registered_models_unique_index)
--       batch_op.add_column(_workspace_column())
--       batch_op.drop_constraint('registered_model_pk', type_='primary')
--       batch_op.create_primary_key('registered_model_pk', ['workspace', 'name'])
--     with _with_batch('model_versions') as batch_op:
--       batch_op.add_column(_workspace_column())
--       for fk_name in fk_model_versions:
--         batch_op.drop_constraint(fk_name, type_='foreignkey')
--       batch_op.drop_constraint('model_version_pk', type_='primary')
--       batch_op.create_primary_key('model_version_pk', ['workspace', 'name', 'version'])
--       batch_op.create_foreign_key('fk_model_versions_registered_models', 'registered_models', ['workspa...
--     with _with_batch('registered_model_tags') as batch_op:
--       batch_op.add_column(_workspace_column())
--       for fk_name in fk_registered_model_tags:
--         batch_op.drop_constraint(fk_name, type_='foreignkey')
--       batch_op.drop_constraint('registered_model_tag_pk', type_='primary')
--       batch_op.create_primary_key('registered_model_tag_pk', ['workspace', 'key', 'name'])
--       batch_op.create_foreign_key('fk_registered_model_tags_registered_models', 'registered_models', ['...
--     with _with_batch('model_version_tags') as batch_op:
--       batch_op.add_column(_workspace_column())
--       for fk_name in fk_model_version_tags:
--         batch_op.drop_constraint(fk_name, type_='foreignkey')
--       batch_op.drop_constraint('model_version_tag_pk', type_='primary')
--       batch_op.create_primary_key('model_version_tag_pk', ['workspace', 'key', 'name', 'version'])
--       batch_op.create_foreign_key('fk_model_version_tags_model_versions', 'model_versions', ['workspace...
--     with _with_batch('registered_model_aliases') as batch_op:
--       batch_op.add_column(_workspace_column())
--       for fk_name in fk_registered_model_aliases:
--         batch_op.drop_constraint(fk_name, type_='foreignkey')
--       batch_op.drop_constraint('registered_model_alias_pk', type_='primary')
--       batch_op.create_primary_key('registered_model_alias_pk', ['workspace', 'name', 'alias'])
--       batch_op.create_foreign_key('fk_registered_model_aliases_registered_models', 'registered_models',...
--     with _with_batch('evaluation_datasets') as batch_op:
--       batch_op.add_column(_workspace_column())
--     with _with_batch('webhooks') as batch_op:
--       batch_op.add_column(_workspace_column())
--     with _with_batch('secrets') as batch_op:
--       if secrets_unique_constraint:
--         batch_op.drop_constraint(secrets_unique_constraint, type_='unique')
--       else:
--         if secrets_unique_index:
--           batch_op.drop_index(secrets_unique_index)
--       batch_op.add_column(_workspace_column())
--       batch_op.create_unique_constraint('uq_secrets_workspace_secret_name', ['workspace', 'secret_name'])
--     _recreate_secrets_immutability_trigger(dialect_name)
--     with _with_batch('endpoints') as batch_op:
--       if endpoints_unique_constraint:
--         batch_op.drop_constraint(endpoints_unique_constraint, type_='unique')
--       else:
--         if endpoints_unique_index:
--           batch_op.drop_index(endpoints_unique_index)
--       batch_op.add_column(_workspace_column())
--       batch_op.create_unique_constraint('uq_endpoints_workspace_name', ['workspace', 'name'])
--     with _with_batch('model_definitions') as batch_op:
--       if model_definitions_unique_constraint:
--         batch_op.drop_constraint(model_definitions_unique_constraint, type_='unique')
--       else:
--         if model_definitions_unique_index:
--           batch_op.drop_index(model_definitions_unique_index)
--       batch_op.add_column(_workspace_column())
--       batch_op.create_unique_constraint('uq_model_definitions_workspace_name', ['workspace', 'name'])
--     with _with_batch('jobs') as batch_op:
--       batch_op.drop_index('index_jobs_name_status_creation_time')
--       batch_op.add_column(_workspace_column())
--       batch_op.create_index('index_jobs_name_status_creation_time', ['job_name', 'workspace', 'status',...
--     _create_workspace_indexes_and_catalog()
--     return
--   def _drop_fk_constraints(table_name: str, fk_names: list[str]): for fk_name in fk_names: if fk_na...
--   def _drop_unique_on_name(table_name: str, constraint: str | None, index: str | None): if constrai...
--   _drop_unique_on_name('experiments', experiments_unique_constraint, experiments_unique_index)
--   op.add_column('experiments', _workspace_column())
--   op.create_unique_constraint('uq_experiments_workspace_name', 'experiments', ['workspace', 'name'])
--   _drop_fk_constraints('model_versions', fk_model_versions)
--   _drop_fk_constraints('registered_model_tags', fk_registered_model_tags)
--   _drop_fk_constraints('registered_model_aliases', fk_registered_model_aliases)
--   _drop_fk_constraints('model_version_tags', fk_model_version_tags)
--   _drop_unique_on_name('registered_models', registered_models_unique_constraint, registered_models_...
--   op.add_column('registered_models', _workspace_column())
--   op.drop_constraint('registered_model_pk', 'registered_models', type_='primary')
--   op.create_primary_key('registered_model_pk', 'registered_models', ['workspace', 'name'])
--   op.add_column('model_versions', _workspace_column())
--   op.drop_constraint('model_version_pk', 'model_versions', type_='primary')
--   op.create_primary_key('model_version_pk', 'model_versions', ['workspace', 'name', 'version'])
--   op.create_foreign_key('fk_model_versions_registered_models', 'model_versions', 'registered_models...
--   op.add_column('registered_model_tags', _workspace_column())
--   op.drop_constraint('registered_model_tag_pk', 'registered_model_tags', type_='primary')
--   op.create_primary_key('registered_model_tag_pk', 'registered_model_tags', ['workspace', 'key', 'n...
--   op.create_foreign_key('fk_registered_model_tags_registered_models', 'registered_model_tags', 'reg...
--   op.add_column('model_version_tags', _workspace_column())
--   op.drop_constraint('model_version_tag_pk', 'model_version_tags', type_='primary')
--   op.create_primary_key('model_version_tag_pk', 'model_version_tags', ['workspace', 'key', 'name', ...
--   op.create_foreign_key('fk_model_version_tags_model_versions', 'model_version_tags', 'model_versio...
--   op.add_column('registered_model_aliases', _workspace_column())
--   op.drop_constraint('registered_model_alias_pk', 'registered_model_aliases', type_='primary')
--   op.create_primary_key('registered_model_alias_pk', 'registered_model_aliases', ['workspace', 'nam...
--   op.create_foreign_key('fk_registered_model_aliases_registered_models', 'registered_model_aliases'...
--   for table in ['evaluation_datasets', 'webhooks']:
--     op.add_column(table, _workspace_column())
--   _drop_unique_on_name('secrets', secrets_unique_constraint, secrets_unique_index)
--   op.add_column('secrets', _workspace_column())
--   op.create_unique_constraint('uq_secrets_workspace_secret_name', 'secrets', ['workspace', 'secret_...
--   _drop_unique_on_name('endpoints', endpoints_unique_constraint, endpoints_unique_index)
--   op.add_column('endpoints', _workspace_column())
--   op.create_unique_constraint('uq_endpoints_workspace_name', 'endpoints', ['workspace', 'name'])
--   _drop_unique_on_name('model_definitions', model_definitions_unique_constraint, model_definitions_...
--   op.add_column('model_definitions', _workspace_column())
--   op.create_unique_constraint('uq_model_definitions_workspace_name', 'model_definitions', ['workspa...
--   op.drop_index('index_jobs_name_status_creation_time', 'jobs')
--   op.add_column('jobs', _workspace_column())
--   op.create_index('index_jobs_name_status_creation_time', 'jobs', ['job_name', 'workspace', 'status...
--   _create_workspace_indexes_and_catalog()
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when mlflow-skinny 3.18.0's own initialization (create_all of InitialBase,
-- then alembic upgrade) ran it online (alembic upgrade c8d9e0f1a2b3:1b5f0d9ad7c1) on a database
-- built by the revisions before it and holding no rows, less its reads (SELECT) and
-- alembic_version. What its Python does with existing rows (loops, batches until no row
-- changes, rows it reads and writes back) is not here: read the revision before deploying this
-- file to a database with data.

ALTER TABLE experiments DROP CONSTRAINT experiments_name_key;

ALTER TABLE experiments ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE experiments ADD CONSTRAINT uq_experiments_workspace_name UNIQUE (workspace, name);

ALTER TABLE model_versions DROP CONSTRAINT model_versions_name_fkey;

ALTER TABLE registered_model_tags DROP CONSTRAINT registered_model_tags_name_fkey;

ALTER TABLE registered_model_aliases DROP CONSTRAINT registered_model_alias_name_fkey;

ALTER TABLE model_version_tags DROP CONSTRAINT model_version_tags_name_version_fkey;

ALTER TABLE registered_models ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE registered_models DROP CONSTRAINT registered_model_pk;

ALTER TABLE registered_models ADD CONSTRAINT registered_model_pk PRIMARY KEY (workspace, name);

ALTER TABLE model_versions ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE model_versions DROP CONSTRAINT model_version_pk;

ALTER TABLE model_versions ADD CONSTRAINT model_version_pk PRIMARY KEY (workspace, name, version);

ALTER TABLE model_versions ADD CONSTRAINT fk_model_versions_registered_models FOREIGN KEY(workspace, name) REFERENCES registered_models (workspace, name) ON UPDATE CASCADE;

ALTER TABLE registered_model_tags ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE registered_model_tags DROP CONSTRAINT registered_model_tag_pk;

ALTER TABLE registered_model_tags ADD CONSTRAINT registered_model_tag_pk PRIMARY KEY (workspace, key, name);

ALTER TABLE registered_model_tags ADD CONSTRAINT fk_registered_model_tags_registered_models FOREIGN KEY(workspace, name) REFERENCES registered_models (workspace, name) ON UPDATE CASCADE;

ALTER TABLE model_version_tags ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE model_version_tags DROP CONSTRAINT model_version_tag_pk;

ALTER TABLE model_version_tags ADD CONSTRAINT model_version_tag_pk PRIMARY KEY (workspace, key, name, version);

ALTER TABLE model_version_tags ADD CONSTRAINT fk_model_version_tags_model_versions FOREIGN KEY(workspace, name, version) REFERENCES model_versions (workspace, name, version) ON UPDATE CASCADE;

ALTER TABLE registered_model_aliases ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE registered_model_aliases DROP CONSTRAINT registered_model_alias_pk;

ALTER TABLE registered_model_aliases ADD CONSTRAINT registered_model_alias_pk PRIMARY KEY (workspace, name, alias);

ALTER TABLE registered_model_aliases ADD CONSTRAINT fk_registered_model_aliases_registered_models FOREIGN KEY(workspace, name) REFERENCES registered_models (workspace, name) ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE evaluation_datasets ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE webhooks ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

DROP INDEX unique_secret_name;

ALTER TABLE secrets ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE secrets ADD CONSTRAINT uq_secrets_workspace_secret_name UNIQUE (workspace, secret_name);

DROP INDEX unique_endpoint_name;

ALTER TABLE endpoints ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE endpoints ADD CONSTRAINT uq_endpoints_workspace_name UNIQUE (workspace, name);

DROP INDEX unique_model_definition_name;

ALTER TABLE model_definitions ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

ALTER TABLE model_definitions ADD CONSTRAINT uq_model_definitions_workspace_name UNIQUE (workspace, name);

DROP INDEX index_jobs_name_status_creation_time;

ALTER TABLE jobs ADD COLUMN workspace VARCHAR(63) DEFAULT 'default' NOT NULL;

CREATE INDEX index_jobs_name_status_creation_time ON jobs (job_name, workspace, status, creation_time);

CREATE INDEX idx_experiments_workspace ON experiments (workspace);

CREATE INDEX idx_registered_models_workspace ON registered_models (workspace);

CREATE INDEX idx_experiments_workspace_creation_time ON experiments (workspace, creation_time);

CREATE INDEX idx_evaluation_datasets_workspace ON evaluation_datasets (workspace);

CREATE INDEX idx_webhooks_workspace ON webhooks (workspace);

CREATE INDEX idx_secrets_workspace ON secrets (workspace);

CREATE INDEX idx_endpoints_workspace ON endpoints (workspace);

CREATE INDEX idx_model_definitions_workspace ON model_definitions (workspace);

CREATE TABLE workspaces (
	name VARCHAR(63) NOT NULL, 
	description TEXT, 
	default_artifact_root TEXT, 
	CONSTRAINT workspaces_pk PRIMARY KEY (name)
);

INSERT INTO workspaces (name, description) VALUES ('default', 'Default workspace for legacy resources');
