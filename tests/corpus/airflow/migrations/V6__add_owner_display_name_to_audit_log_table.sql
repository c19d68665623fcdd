-- alembic-to-sql: Alembic revision f7bf2a57d0a6 (Add owner_display_name to (Audit) Log table.)
-- revises: 375a816bbbf4
-- from: migrations/versions/0005_2_8_0_add_owner_display_name_to_audit_log_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE log ADD COLUMN owner_display_name VARCHAR(500);
