-- alembic-to-sql: Alembic revision 2e7e1428ffce (Index Flow.created)
-- revises: b68b3cad6b8a
-- from: prefect/server/database/_migrations/versions/postgresql/2022_03_10_102713_2e7e1428ffce_index_flow_created.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX ix_flow__created ON flow (created);
