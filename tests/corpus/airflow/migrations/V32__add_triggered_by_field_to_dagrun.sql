-- alembic-to-sql: Alembic revision a2c32e6c7729 (Add triggered_by field to DagRun.)
-- revises: 0bfc26bc256e
-- from: migrations/versions/0031_3_0_0_add_triggered_by_field_to_dagrun.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_run ADD COLUMN triggered_by VARCHAR(50);
