-- alembic-to-sql: Alembic revision bd5dfbe21f88 (Make connection login/password TEXT.)
-- revises: f7bf2a57d0a6
-- from: migrations/versions/0006_2_8_0_make_connection_login_password_text.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE connection ALTER COLUMN login TYPE TEXT;

ALTER TABLE connection ALTER COLUMN password TYPE TEXT;
