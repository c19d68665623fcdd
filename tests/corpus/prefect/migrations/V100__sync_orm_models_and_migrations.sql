-- alembic-to-sql: Alembic revision 5d03c01be85e (Sync ORM models and migrations)
-- revises: 68a44144428d
-- from: prefect/server/database/_migrations/versions/postgresql/2024_12_04_165333_5d03c01be85e_sync_orm_models_and_migrations.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

UPDATE artifact_collection SET latest_id=GEN_RANDOM_UUID() WHERE latest_id IS NULL;

ALTER TABLE artifact_collection ALTER COLUMN latest_id SET NOT NULL;

CREATE INDEX ix_artifact_collection__updated ON artifact_collection (updated);

ALTER TABLE deployment DROP COLUMN schedule;

ALTER TABLE deployment DROP COLUMN is_schedule_active;

ALTER TABLE deployment DROP COLUMN flow_data;

DROP INDEX ix_flow_run__deployment_id;

ALTER TABLE deployment DROP COLUMN manifest_path;

ALTER TABLE deployment_schedule DROP COLUMN catchup;

ALTER TABLE deployment_schedule DROP COLUMN max_active_runs;
