-- alembic-to-sql: Alembic revision 509b94a1042d (Change ``signed_url_template`` from VARCHAR(200) to TEXT.)
-- revises: 82dbd68e6171
-- from: migrations/versions/0087_3_1_8_change_signed_url_template_from_varchar_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_bundle ALTER COLUMN signed_url_template TYPE TEXT;
