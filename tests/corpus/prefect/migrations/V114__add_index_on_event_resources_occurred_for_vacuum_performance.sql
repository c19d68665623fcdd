-- alembic-to-sql: Alembic revision bad1e352c597 (Add index on event_resources(occurred) for vacuum performance)
-- revises: 7218aad17905
-- from: prefect/server/database/_migrations/versions/postgresql/2026_06_10_000000_bad1e352c597_add_event_resources_occurred_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE INDEX CONCURRENTLY IF NOT EXISTS
            ix_event_resources__occurred
            ON event_resources (occurred);
