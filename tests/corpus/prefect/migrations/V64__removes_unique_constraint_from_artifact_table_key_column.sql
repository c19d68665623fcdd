-- alembic-to-sql: Alembic revision aa84ac237ce8 (Removes unique constraint from artifact table key column)
-- revises: 4a1a0e4f89de
-- from: prefect/server/database/_migrations/versions/postgresql/2023_03_20_175243_aa84ac237ce8_remove_artifact_uq.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX ix_artifact__key;

CREATE INDEX ix_artifact__key ON artifact (key);
