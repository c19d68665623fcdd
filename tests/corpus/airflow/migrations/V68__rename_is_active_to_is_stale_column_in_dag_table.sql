-- alembic-to-sql: Alembic revision 959e216a3abb (Rename ``is_active`` to ``is_stale`` column in ``dag`` table.)
-- revises: 0e9519b56710
-- from: migrations/versions/0067_3_0_0_rename_is_active_to_is_stale_column_in_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ALTER COLUMN is_active TYPE BOOLEAN;

ALTER TABLE dag RENAME is_active TO is_stale;

UPDATE dag SET is_stale = NOT is_stale;
