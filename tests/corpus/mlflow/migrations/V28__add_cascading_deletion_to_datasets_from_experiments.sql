-- alembic-to-sql: Alembic revision 0584bdc529eb (add cascading deletion to datasets from experiments)
-- revises: f5a4f2784254
-- from: mlflow/store/db_migrations/versions/0584bdc529eb_add_cascading_deletion_to_datasets_from_experiments.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (NoInspectionAvailable: No inspection system is
--   available for object of type <class 'sqlalchemy.engine.mock.MockConnection'>): the file
--   stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   dialect_name = op.get_context().dialect.name
--   new_fk_constraint_name = f'fk_{SqlDataset.__tablename__}_experiment_id_{SqlExperiment.__tablename...
--   if dialect_name == 'sqlite':
--     with op.batch_alter_table(SqlDataset.__tablename__, schema=None, naming_convention={'fk': 'fk_%(table_...:
--       batch_op.drop_constraint(new_fk_constraint_name, type_='foreignkey')
--       batch_op.create_foreign_key(new_fk_constraint_name, SqlExperiment.__tablename__, ['experiment_id'...
--   else:
--     old_fk_constraint_name = get_datasets_experiment_fk_name()
--     op.drop_constraint(old_fk_constraint_name, SqlDataset.__tablename__, type_='foreignkey')
--     op.create_foreign_key(new_fk_constraint_name, SqlDataset.__tablename__, SqlExperiment.__tablename...
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when mlflow-skinny 3.18.0's own initialization (create_all of InitialBase,
-- then alembic upgrade) ran it online (alembic upgrade f5a4f2784254:0584bdc529eb) on a database
-- built by the revisions before it and holding no rows, less its reads (SELECT) and
-- alembic_version. What its Python does with existing rows (loops, batches until no row
-- changes, rows it reads and writes back) is not here: read the revision before deploying this
-- file to a database with data.

ALTER TABLE datasets DROP CONSTRAINT datasets_experiment_id_fkey;

ALTER TABLE datasets ADD CONSTRAINT fk_datasets_experiment_id_experiments FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id) ON DELETE CASCADE;
