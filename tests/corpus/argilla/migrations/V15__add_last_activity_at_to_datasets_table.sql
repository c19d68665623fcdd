-- alembic-to-sql: Alembic revision 84f6b9ff6076 (add last_activity_at to datasets table)
-- revises: b8458008b60e
-- from: alembic/versions/84f6b9ff6076_add_last_activity_at_to_datasets_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE datasets ADD COLUMN last_activity_at TIMESTAMP WITHOUT TIME ZONE;

UPDATE datasets SET last_activity_at = updated_at;

ALTER TABLE datasets ALTER COLUMN last_activity_at SET NOT NULL;
