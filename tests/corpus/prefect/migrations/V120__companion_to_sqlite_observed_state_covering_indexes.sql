-- alembic-to-sql: Alembic revision 91e2b8f3d6a4 (Companion to SQLite observed state covering indexes.)
-- revises: e7f54680bce3
-- from: prefect/server/database/_migrations/versions/postgresql/2026_10_20_000000_91e2b8f3d6a4_observed_state_covering_indexes.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

