-- alembic-to-sql: Alembic revision e00344393f31 (Remove external_trigger field.)
-- revises: 6a9e7a527a88
-- from: migrations/versions/0059_3_0_0_remove_external_trigger_field.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_run DROP COLUMN external_trigger;
