-- alembic-to-sql: Alembic revision cf87489a35df (Use TI.id as primary key to TaskInstanceNote.)
-- revises: 7645189f3479
-- from: migrations/versions/0061_3_0_0_use_ti_id_as_primary_key_to_TINote.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE task_instance_note ADD COLUMN ti_id UUID;

UPDATE task_instance_note SET ti_id = task_instance.id
            FROM task_instance
            WHERE task_instance_note.task_id = task_instance.task_id
            AND task_instance_note.dag_id = task_instance.dag_id
            AND task_instance_note.run_id = task_instance.run_id
            AND task_instance_note.map_index = task_instance.map_index;

ALTER TABLE task_instance_note ALTER COLUMN ti_id SET NOT NULL;

ALTER TABLE task_instance_note DROP CONSTRAINT task_instance_note_ti_fkey;

ALTER TABLE task_instance_note DROP CONSTRAINT task_instance_note_pkey;

ALTER TABLE task_instance_note DROP COLUMN map_index;

ALTER TABLE task_instance_note DROP COLUMN dag_id;

ALTER TABLE task_instance_note DROP COLUMN task_id;

ALTER TABLE task_instance_note DROP COLUMN run_id;

ALTER TABLE task_instance_note ADD CONSTRAINT task_instance_note_pkey PRIMARY KEY (ti_id);

ALTER TABLE task_instance_note ADD CONSTRAINT task_instance_note_ti_fkey FOREIGN KEY(ti_id) REFERENCES task_instance (id) ON DELETE CASCADE;
