-- alembic-to-sql: Alembic revision 044f740568ec (Drop ab_user.id foreign key.)
-- revises: 5f2621c13b39
-- from: migrations/versions/0028_3_0_0_drop_ab_user_id_foreign_key.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE dag_run_note DROP CONSTRAINT dag_run_note_user_fkey;

ALTER TABLE task_instance_note DROP CONSTRAINT task_instance_note_user_fkey;
