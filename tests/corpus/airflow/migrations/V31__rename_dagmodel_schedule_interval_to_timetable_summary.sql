-- alembic-to-sql: Alembic revision 0bfc26bc256e (Rename DagModel schedule_interval to timetable_summary.)
-- revises: d0f1c55954fa
-- from: migrations/versions/0030_3_0_0_rename_schedule_interval_to_timetable_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ALTER COLUMN schedule_interval TYPE TEXT;

ALTER TABLE dag ALTER COLUMN schedule_interval DROP NOT NULL;

ALTER TABLE dag RENAME schedule_interval TO timetable_summary;
