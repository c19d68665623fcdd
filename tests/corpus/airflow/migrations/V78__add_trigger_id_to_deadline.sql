-- alembic-to-sql: Alembic revision 09fa89ba1710 (Add trigger_id to deadline.)
-- revises: 40f7c30a228b
-- from: migrations/versions/0077_3_1_0_add_trigger_id_to_deadline.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deadline ADD COLUMN trigger_id INTEGER;

ALTER TABLE deadline ADD CONSTRAINT deadline_trigger_id_fkey FOREIGN KEY(trigger_id) REFERENCES trigger (id);
