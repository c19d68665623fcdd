-- alembic-to-sql: Alembic revision 0584bdc529eb (add cascading deletion to datasets from experiments)
-- revises: f5a4f2784254
-- from: mlflow/store/db_migrations/versions/0584bdc529eb_add_cascading_deletion_to_datasets_from_experiments.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (NoInspectionAvailable: No inspection system is
--   available for object of type <class 'sqlalchemy.engine.mock.MockConnection'>): the file
--   stops any deploy that runs it until its SQL is written by hand
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when mlflow-skinny 3.18.0's own initialization (create_all of InitialBase,
-- then alembic upgrade) ran it online (alembic upgrade f5a4f2784254:0584bdc529eb) on a database
-- built by the revisions before it and holding no rows, less its reads (SELECT) and
-- alembic_version. What its Python does with existing rows (loops, batches until no row
-- changes, rows it reads and writes back) is not here: read the revision before deploying this
-- file to a database with data.

ALTER TABLE datasets DROP CONSTRAINT datasets_experiment_id_fkey;

ALTER TABLE datasets ADD CONSTRAINT fk_datasets_experiment_id_experiments FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id) ON DELETE CASCADE;
