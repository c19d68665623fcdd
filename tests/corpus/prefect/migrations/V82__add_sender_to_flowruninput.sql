-- alembic-to-sql: Alembic revision 6b63c51c31b4 (Add `sender` to `FlowRunInput`)
-- revises: 7c453555d3a5
-- from: prefect/server/database/_migrations/versions/postgresql/2024_01_05_101034_6b63c51c31b4_add_sender_to_flowruninput.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE flow_run_input ADD COLUMN sender VARCHAR;
