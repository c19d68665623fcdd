-- alembic-to-sql: Alembic revision 686269002441 (Fix inconsistency between ORM and migration files.)
-- revises: bff083ad727d
-- from: migrations/versions/0017_2_9_2_fix_inconsistency_between_ORM_and_migration_files.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE connection DROP CONSTRAINT IF EXISTS unique_conn_id;

ALTER TABLE connection DROP CONSTRAINT IF EXISTS connection_conn_id_uq;

ALTER TABLE connection ADD CONSTRAINT connection_conn_id_uq UNIQUE (conn_id);

UPDATE dag SET max_consecutive_failed_dag_runs='0';

ALTER TABLE dag ALTER COLUMN max_consecutive_failed_dag_runs SET NOT NULL;

ALTER TABLE task_instance DROP CONSTRAINT task_instance_dag_run_fkey;

ALTER TABLE task_reschedule DROP CONSTRAINT task_reschedule_dr_fkey;

ALTER TABLE dag_run DROP CONSTRAINT IF EXISTS dag_run_dag_id_execution_date_uq;

ALTER TABLE dag_run DROP CONSTRAINT IF EXISTS dag_run_dag_id_run_id_uq;

ALTER TABLE dag_run DROP CONSTRAINT IF EXISTS dag_run_dag_id_execution_date_key;

ALTER TABLE dag_run DROP CONSTRAINT IF EXISTS dag_run_dag_id_run_id_key;

ALTER TABLE dag_run ADD CONSTRAINT dag_run_dag_id_execution_date_key UNIQUE (dag_id, execution_date);

ALTER TABLE dag_run ADD CONSTRAINT dag_run_dag_id_run_id_key UNIQUE (dag_id, run_id);

ALTER TABLE task_instance ADD CONSTRAINT task_instance_dag_run_fkey FOREIGN KEY(dag_id, run_id) REFERENCES dag_run (dag_id, run_id) ON DELETE CASCADE;

ALTER TABLE task_reschedule ADD CONSTRAINT task_reschedule_dr_fkey FOREIGN KEY(dag_id, run_id) REFERENCES dag_run (dag_id, run_id) ON DELETE CASCADE;
