-- alembic-to-sql: Alembic revision a03d00b8e275 (Add slug column to deployment_schedule)
-- revises: c163acd7e8e3
-- from: prefect/server/database/_migrations/versions/postgresql/2025_02_05_152418_a03d00b8e275_add_slug_column_to_deployment_schedule.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

ALTER TABLE deployment_schedule ADD COLUMN slug VARCHAR;

CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_deployment_schedule__slug
            ON deployment_schedule(slug);

CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS
            ix_deployment_schedule__deployment_id__slug
            ON deployment_schedule(deployment_id, slug)
            WHERE slug IS NOT NULL;;
