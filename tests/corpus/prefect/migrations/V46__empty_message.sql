-- alembic-to-sql: Alembic revision 41e5ed9e1034 (empty message)
-- revises: 8ea825da948d
-- from: prefect/server/database/_migrations/versions/postgresql/2022_10_31_161719_41e5ed9e1034_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE EXTENSION IF NOT EXISTS pg_trgm;;

CREATE INDEX CONCURRENTLY
            trgm_ix_work_queue_name
            ON work_queue USING gin (name gin_trgm_ops);;
