-- alembic-to-sql: Alembic revision 5e4f924ff96c (Add PAUSED to state type enum)
-- revises: 5d526270ddb4
-- from: prefect/server/database/_migrations/versions/postgresql/2022_11_23_092449_5e4f924ff96c_add_paused_state_type.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TYPE state_type ADD VALUE IF NOT EXISTS 'PAUSED';;
