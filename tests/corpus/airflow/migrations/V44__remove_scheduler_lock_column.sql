-- alembic-to-sql: Alembic revision 486ac7936b78 (Remove scheduler_lock column.)
-- revises: d59cbbef95eb
-- from: migrations/versions/0043_3_0_0_remove_scheduler_lock_column.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag DROP COLUMN scheduler_lock;
