-- alembic-to-sql: Alembic revision ad4b1b4d1e9d (Index deployment.created)
-- revises: 22b7cb02e593
-- from: prefect/server/database/_migrations/versions/postgresql/2022_10_14_172612_ad4b1b4d1e9d_index_deployment_created.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX ix_deployment__created ON deployment (created);
