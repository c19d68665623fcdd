-- alembic-to-sql: Alembic revision d469d27e2a64 (Use ti_id as FK to TaskReschedule.)
-- revises: 16f7f5ee874e
-- from: migrations/versions/0063_3_0_0_use_ti_id_as_fk_to_taskreschedule.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_reschedule ADD COLUMN ti_id UUID;

UPDATE task_reschedule SET ti_id = task_instance.id
            FROM task_instance
            WHERE task_reschedule.task_id = task_instance.task_id
            AND task_reschedule.dag_id = task_instance.dag_id
            AND task_reschedule.run_id = task_instance.run_id
            AND task_reschedule.map_index = task_instance.map_index;

ALTER TABLE task_reschedule ALTER COLUMN ti_id SET NOT NULL;

ALTER TABLE task_reschedule DROP CONSTRAINT task_reschedule_ti_fkey;

ALTER TABLE task_reschedule DROP CONSTRAINT task_reschedule_dr_fkey;

ALTER TABLE task_reschedule ADD CONSTRAINT task_reschedule_ti_fkey FOREIGN KEY(ti_id) REFERENCES task_instance (id) ON DELETE CASCADE;

DROP INDEX idx_task_reschedule_dag_run;

DROP INDEX idx_task_reschedule_dag_task_run;

ALTER TABLE task_reschedule DROP COLUMN map_index;

ALTER TABLE task_reschedule DROP COLUMN dag_id;

ALTER TABLE task_reschedule DROP COLUMN task_id;

ALTER TABLE task_reschedule DROP COLUMN run_id;
