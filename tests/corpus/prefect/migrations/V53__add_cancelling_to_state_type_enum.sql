-- alembic-to-sql: Alembic revision 9326a6aee18b (Add CANCELLING to state type enum)
-- revises: d481d5058a19
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_25_164028_9326a6aee18b_add_cancelling_to_state_type_enum.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TYPE state_type ADD VALUE IF NOT EXISTS 'CANCELLING';;
