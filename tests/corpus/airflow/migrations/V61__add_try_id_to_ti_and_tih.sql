-- alembic-to-sql: Alembic revision 7645189f3479 (Add try_id to TI and TIH.)
-- revises: e00344393f31
-- from: migrations/versions/0060_3_0_0_add_try_id_to_ti_and_tih.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls fetchall, get_bind: the statements it sends through the connection
--   are here, but whatever its Python decides from what it reads (rows, inspect(), has_table)
--   happens only online; check this file against the revision
-- WARNING: upgrade() calls uuid7(): a value it computes when it runs is in this file as
--   computed at conversion, where each online run computed its own (and converting again writes
--   another); check the values this file writes

ALTER TABLE task_instance_history ADD COLUMN task_instance_id UUID;

ALTER TABLE task_instance_history ADD COLUMN try_id UUID;

SELECT id FROM task_instance_history WHERE try_id IS NULL;

UPDATE task_instance_history SET task_instance_id = task_instance.id
            FROM task_instance
            WHERE task_instance_history.task_id = task_instance.task_id
            AND task_instance_history.dag_id = task_instance.dag_id
            AND task_instance_history.run_id = task_instance.run_id
            AND task_instance_history.map_index = task_instance.map_index;

ALTER TABLE task_instance_history ALTER COLUMN try_id SET NOT NULL;

ALTER TABLE task_instance_history DROP COLUMN id;

ALTER TABLE task_instance_history ALTER COLUMN task_instance_id SET NOT NULL;

ALTER TABLE task_instance_history ADD CONSTRAINT task_instance_history_pkey PRIMARY KEY (try_id);
