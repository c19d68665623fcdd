-- alembic-to-sql: Alembic revision bfe653bbf62e (Add `last_polled` to deployment)
-- revises: 05ea6f882b1d
-- from: prefect/server/database/_migrations/versions/postgresql/2023_10_12_224511_bfe653bbf62e_add_last_polled_to_deployment.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN last_polled TIMESTAMP WITH TIME ZONE;
