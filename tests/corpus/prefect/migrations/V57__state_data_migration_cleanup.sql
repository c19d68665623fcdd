-- alembic-to-sql: Alembic revision 2882cd2df466 (State data migration cleanup)
-- revises: 2882cd2df465
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_26_045502_2882cd2df466_cleanup_artifact_migration.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX ix_artifact__task_run_state_id;

ALTER TABLE artifact DROP COLUMN task_run_state_id;

DROP INDEX ix_artifact__flow_run_state_id;

ALTER TABLE artifact DROP COLUMN flow_run_state_id;

DROP INDEX ix_flow_run_state__has_data;

ALTER TABLE flow_run_state DROP COLUMN has_data;

DROP INDEX ix_task_run_state__has_data;

ALTER TABLE task_run_state DROP COLUMN has_data;
