-- alembic-to-sql: Alembic revision b23c83a12cb4 (add catchup fields to DeploymentSchedule)
-- revises: 8905262ec07f
-- from: prefect/server/database/_migrations/versions/postgresql/2024_05_01_105401_b23c83a12cb4_add_catchup_fields_to_deploymentschedule.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment_schedule ADD COLUMN max_active_runs INTEGER;

ALTER TABLE deployment_schedule ADD COLUMN max_scheduled_runs INTEGER;

ALTER TABLE deployment_schedule ADD COLUMN catchup BOOLEAN DEFAULT '0' NOT NULL;
