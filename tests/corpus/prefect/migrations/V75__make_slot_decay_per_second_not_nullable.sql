-- alembic-to-sql: Alembic revision 4e9a6f93eb6c (Make slot_decay_per_second not nullable)
-- revises: db0eb3973a54
-- from: prefect/server/database/_migrations/versions/postgresql/2023_09_21_130125_4e9a6f93eb6c_make_slot_decay_per_second_not_nullable.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

UPDATE concurrency_limit_v2 SET slot_decay_per_second = 0.0 WHERE slot_decay_per_second is null;

ALTER TABLE concurrency_limit_v2 ALTER COLUMN slot_decay_per_second SET NOT NULL;
