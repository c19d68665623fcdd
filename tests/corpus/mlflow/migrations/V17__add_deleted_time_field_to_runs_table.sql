-- alembic-to-sql: Alembic revision 0c779009ac13 (add deleted_time field to runs table)
-- revises: bd07f7e963c5
-- from: mlflow/store/db_migrations/versions/0c779009ac13_add_deleted_time_field_to_runs_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE runs ADD COLUMN deleted_time BIGINT;
