-- alembic-to-sql: Alembic revision a1b2c3d4e5f6 (Add expression index for per-schedule scheduler query)
-- revises: 9e83011d1f2a
-- from: prefect/server/database/_migrations/versions/postgresql/2026_02_19_200000_add_scheduler_schedule_id_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            ix_flow_run__schedule_id_scheduler
            ON flow_run (deployment_id, (created_by->>'id'), next_scheduled_start_time)
            WHERE state_type = 'SCHEDULED' AND auto_scheduled = true;;
