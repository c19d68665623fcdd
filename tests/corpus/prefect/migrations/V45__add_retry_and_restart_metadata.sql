-- alembic-to-sql: Alembic revision 8ea825da948d (Add retry and restart metadata)
-- revises: 3ced59d8806b
-- from: prefect/server/database/_migrations/versions/postgresql/2022_10_19_165110_8ea825da948d_track_retries_restarts.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_run ADD COLUMN flow_run_run_count INTEGER DEFAULT '0' NOT NULL;
