-- alembic-to-sql: Alembic revision f56f68b9e02f (Add callback_state to deadline.)
-- revises: 09fa89ba1710
-- from: migrations/versions/0078_3_1_0_add_callback_state_to_deadline.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deadline ADD COLUMN callback_state VARCHAR(20);

DROP INDEX deadline_time_idx;

CREATE INDEX deadline_callback_state_time_idx ON deadline (callback_state, deadline_time);
