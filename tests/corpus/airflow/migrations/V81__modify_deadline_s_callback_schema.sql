-- alembic-to-sql: Alembic revision 808787349f22 (Modify deadline's callback schema.)
-- revises: 3bda03debd04
-- from: airflow/migrations/versions/0080_3_1_0_modify_deadline_callback_schema.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls fetchall, get_bind: the statements it sends through the connection
--   are here, but whatever its Python decides from what it reads (rows, inspect(), has_table)
--   happens only online; check this file against the revision

DELETE FROM deadline;

ALTER TABLE deadline DROP COLUMN callback;

ALTER TABLE deadline DROP COLUMN callback_kwargs;

ALTER TABLE deadline ADD COLUMN callback JSON NOT NULL;
