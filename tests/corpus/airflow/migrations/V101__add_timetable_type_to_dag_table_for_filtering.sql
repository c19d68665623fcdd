-- alembic-to-sql: Alembic revision e79fc784f145 (Add timetable_type to dag table for filtering.)
-- revises: 0b112f49112d
-- from: migrations/versions/0100_3_2_0_add_timetable_type_to_dag_table_for_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN timetable_type VARCHAR(255);

UPDATE dag SET timetable_type = '' WHERE timetable_type IS NULL;

ALTER TABLE dag ALTER COLUMN timetable_type SET NOT NULL;
