-- alembic-to-sql: Alembic revision 3500859a5d39 (Add Model Aliases table)
-- revises: 97727af70f4d
-- from: mlflow/store/db_migrations/versions/3500859a5d39_add_model_aliases_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (NoInspectionAvailable: No inspection system is
--   available for object of type <class 'sqlalchemy.engine.mock.MockConnection'>): the file
--   stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   if SqlRegisteredModelAlias.__tablename__ not in get_existing_tables():
--     op.create_table(SqlRegisteredModelAlias.__tablename__, sa.Column('alias', sa.String(length=256), ...
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when mlflow-skinny 3.18.0's own initialization (create_all of InitialBase,
-- then alembic upgrade) ran it online (alembic upgrade 97727af70f4d:3500859a5d39) on a database
-- built by the revisions before it and holding no rows, less its reads (SELECT) and
-- alembic_version. What its Python does with existing rows (loops, batches until no row
-- changes, rows it reads and writes back) is not here: read the revision before deploying this
-- file to a database with data.

CREATE TABLE registered_model_aliases (
	alias VARCHAR(256) NOT NULL, 
	version INTEGER NOT NULL, 
	name VARCHAR(256) NOT NULL, 
	CONSTRAINT registered_model_alias_pk PRIMARY KEY (name, alias), 
	CONSTRAINT registered_model_alias_name_fkey FOREIGN KEY(name) REFERENCES registered_models (name) ON DELETE cascade ON UPDATE cascade
);
