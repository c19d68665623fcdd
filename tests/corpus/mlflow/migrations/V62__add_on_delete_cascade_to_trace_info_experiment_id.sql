-- alembic-to-sql: Alembic revision 6f8d9c3b2a1e (Add ON DELETE CASCADE to `trace_info.experiment_id`.)
-- revises: c3d9e7f1a2b4
-- from: mlflow/store/db_migrations/versions/6f8d9c3b2a1e_add_experiment_fk_cascades.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind (in _alter_experiment_fk()): the statements it sends
--   through the connection are here, but whatever its Python decides from what it reads (rows,
--   inspect(), has_table) happens only online; check this file against the revision

ALTER TABLE trace_info DROP CONSTRAINT fk_trace_info_experiment_id;

ALTER TABLE trace_info ADD CONSTRAINT fk_trace_info_experiment_id FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id) ON DELETE CASCADE;
