-- alembic-to-sql: Alembic revision 2f46fc3f3beb (Remove name column for notification policies)
-- revises: 7296741dff68
-- from: prefect/server/database/_migrations/versions/postgresql/2022_06_29_152219_2f46fc3f3beb_remove_name_column_for_notification_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX ix_flow_run_notification_policy__name;

ALTER TABLE flow_run_notification_policy DROP COLUMN name;
