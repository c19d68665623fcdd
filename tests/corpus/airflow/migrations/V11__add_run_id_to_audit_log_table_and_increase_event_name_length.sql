-- alembic-to-sql: Alembic revision d75389605139 (Add run_id to (Audit) log table and increase event name length.)
-- revises: 1fd565369930
-- from: migrations/versions/0010_2_9_0_add_run_id_to_audit_log_table_and_change_event_name_length.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE log ADD COLUMN run_id VARCHAR(250);

ALTER TABLE log ALTER COLUMN event TYPE VARCHAR(60);
