-- alembic-to-sql: Alembic revision 0cf7311d6ea6 (Add Crashed state type)
-- revises: bb4dc90d3e29
-- from: prefect/server/database/_migrations/versions/postgresql/2022_07_21_205820_0cf7311d6ea6_add_crashed_state_type.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TYPE state_type ADD VALUE IF NOT EXISTS 'CRASHED';;
