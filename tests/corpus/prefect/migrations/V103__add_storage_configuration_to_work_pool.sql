-- alembic-to-sql: Alembic revision b5f5644500d2 (add storage configuration to work pool)
-- revises: a03d00b8e275
-- from: prefect/server/database/_migrations/versions/postgresql/2025_03_19_143502_b5f5644500d2_add_storage_configuration_to_work_pool.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE work_pool ADD COLUMN storage_configuration JSONB DEFAULT '{}' NOT NULL;
