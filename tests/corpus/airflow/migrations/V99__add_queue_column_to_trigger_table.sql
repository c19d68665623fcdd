-- alembic-to-sql: Alembic revision c47f2e1ab9d4 (Add ``queue`` column to ``trigger`` table.)
-- revises: edc4f85a4619
-- from: migrations/versions/0098_3_2_0_add_queue_column_to_trigger.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE trigger ADD COLUMN queue VARCHAR(256);
