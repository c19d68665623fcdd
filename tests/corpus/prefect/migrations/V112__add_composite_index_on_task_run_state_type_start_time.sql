-- alembic-to-sql: Alembic revision 09a9e091e578 (Add composite index on task_run(state_type, start_time))
-- revises: a1b2c3d4e5f6
-- from: prefect/server/database/_migrations/versions/postgresql/2026_03_03_000000_add_task_run_state_type_start_time_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            ix_task_run__state_type_start_time
            ON task_run (state_type, start_time);
