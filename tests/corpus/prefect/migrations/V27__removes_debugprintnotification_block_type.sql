-- alembic-to-sql: Alembic revision e905fd199258 (Removes DebugPrintNotification block type)
-- revises: 4cdc2ba709a4
-- from: prefect/server/database/_migrations/versions/postgresql/2022_07_07_112809_e905fd199258_removes_debugprintnotification_block_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DELETE FROM block_type WHERE name = 'Debug Print Notification';
