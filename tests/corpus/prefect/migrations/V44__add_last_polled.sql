-- alembic-to-sql: Alembic revision 3ced59d8806b (Add last_polled)
-- revises: 6d548701edef
-- from: prefect/server/database/_migrations/versions/postgresql/2022_10_20_101423_3ced59d8806b_add_last_polled.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE work_queue ADD COLUMN last_polled TIMESTAMP WITH TIME ZONE;
