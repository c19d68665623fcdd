-- alembic-to-sql: Alembic revision 29ce7909c52b (Change TI table to have unique UUID id/pk per attempt.)
-- revises: 959e216a3abb
-- from: migrations/versions/0068_3_0_0_ti_table_id_unique_per_try.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

CREATE INDEX idx_tih_dag_run ON task_instance_history (dag_id, run_id);

ALTER TABLE task_instance_history DROP COLUMN task_instance_id;

ALTER TABLE task_instance_history RENAME try_id TO task_instance_id;

ALTER TABLE task_instance_note DROP CONSTRAINT task_instance_note_ti_fkey;

ALTER TABLE task_instance_note ADD CONSTRAINT task_instance_note_ti_fkey FOREIGN KEY(ti_id) REFERENCES task_instance (id) ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE task_reschedule DROP COLUMN try_number;
