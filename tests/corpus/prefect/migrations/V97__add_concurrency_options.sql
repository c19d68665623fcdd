-- alembic-to-sql: Alembic revision 555ed31b284d (add concurrency options)
-- revises: 97429116795e
-- from: prefect/server/database/_migrations/versions/postgresql/2024_09_11_090317_555ed31b284d_add_concurrency_options.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN concurrency_options JSONB;
