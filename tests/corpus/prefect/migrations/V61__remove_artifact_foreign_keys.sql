-- alembic-to-sql: Alembic revision cfdfec5d7557 (Remove Artifact foreign keys)
-- revises: 2a88656f4a23
-- from: prefect/server/database/_migrations/versions/postgresql/2023_02_08_151958_cfdfec5d7557_remove_artifact_fk.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE artifact DROP CONSTRAINT fk_artifact__task_run_id__task_run;

ALTER TABLE artifact DROP CONSTRAINT fk_artifact__flow_run_id__flow_run;
