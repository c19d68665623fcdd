-- alembic-to-sql: Alembic revision 1949afb29106 (Update trigger kwargs type and encrypt.)
-- revises: ee1467d4aa35
-- from: migrations/versions/0015_2_9_0_update_trigger_kwargs_type.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE trigger ALTER COLUMN kwargs TYPE TEXT;
