-- alembic-to-sql: Alembic revision bd6efa529f03 (add_deployment_version_to_flow_run)
-- revises: aeea5ee6f070
-- from: prefect/server/database/_migrations/versions/postgresql/2024_04_04_094418_bd6efa529f03_add_deployment_version_to_flow_run.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE flow_run ADD COLUMN deployment_version VARCHAR;

CREATE INDEX ix_flow_run__deployment_version ON flow_run (deployment_version);
