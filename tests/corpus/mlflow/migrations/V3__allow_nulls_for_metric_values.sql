-- alembic-to-sql: Alembic revision 181f10493468 (allow nulls for metric values)
-- revises: 90e64c465722
-- from: mlflow/store/db_migrations/versions/181f10493468_allow_nulls_for_metric_values.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE metrics ALTER COLUMN value TYPE FLOAT(53);

ALTER TABLE metrics ALTER COLUMN value SET NOT NULL;

ALTER TABLE metrics ADD COLUMN is_nan BOOLEAN DEFAULT '0' NOT NULL;

ALTER TABLE metrics DROP CONSTRAINT metric_pk;

ALTER TABLE metrics ADD CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, step, run_uuid, value, is_nan);
