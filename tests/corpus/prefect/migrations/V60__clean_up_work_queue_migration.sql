-- alembic-to-sql: Alembic revision 2a88656f4a23 (Clean up work queue migration)
-- revises: f98ae6d8e2cc
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_31_133052_2a88656f4a23_clean_up_work_queue_migration.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX ix_work_pool_queue__updated;

DROP INDEX ix_work_pool_queue__work_pool_id;

DROP INDEX ix_work_pool_queue__work_pool_id_priority;

DROP TABLE work_pool_queue;

ALTER TABLE work_queue ALTER COLUMN work_pool_id SET NOT NULL;
