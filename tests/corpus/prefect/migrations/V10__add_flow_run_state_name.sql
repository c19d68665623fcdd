-- alembic-to-sql: Alembic revision 605ebb4e9155 (Add flow_run.state_name)
-- revises: 2e7e1428ffce
-- from: prefect/server/database/_migrations/versions/postgresql/2022_04_20_113011_605ebb4e9155_add_flow_run_state_name.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

ALTER TABLE flow_run ADD COLUMN state_name VARCHAR;

ALTER TABLE task_run ADD COLUMN state_name VARCHAR;

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            ix_flow_run__state_name
            ON flow_run(state_name);

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            ix_task_run__state_name
            ON task_run(state_name);
