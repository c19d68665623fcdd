-- alembic-to-sql: Alembic revision e812941398f4 (Replace deadline's inline callback fields with foreign key to callback table.)
-- revises: b87d2135fa50
-- from: airflow/migrations/versions/0094_3_2_0_replace_deadline_inline_callback_with_fkey.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE deadline ADD COLUMN missed BOOLEAN;

ALTER TABLE deadline ADD COLUMN callback_id UUID;

DELETE FROM deadline;

ALTER TABLE deadline ALTER COLUMN missed SET NOT NULL;

ALTER TABLE deadline ALTER COLUMN callback_id SET NOT NULL;

CREATE INDEX deadline_missed_deadline_time_idx ON deadline (missed, deadline_time);

CREATE INDEX deadline_callback_id_idx ON deadline (callback_id);

DROP INDEX deadline_callback_state_time_idx;

ALTER TABLE deadline ADD CONSTRAINT deadline_callback_id_fkey FOREIGN KEY(callback_id) REFERENCES callback (id) ON DELETE CASCADE;

ALTER TABLE deadline DROP CONSTRAINT deadline_trigger_id_fkey;

ALTER TABLE deadline DROP COLUMN callback;

ALTER TABLE deadline DROP COLUMN trigger_id;

ALTER TABLE deadline DROP COLUMN callback_state;
