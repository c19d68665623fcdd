-- alembic-to-sql: Alembic revision 9fabad868fdb (Add timetable_periodic to DagModel.)
-- revises: a4c2d171ae18
-- from: migrations/versions/0111_3_3_0_add_timetable_periodic_to_dag.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN timetable_periodic BOOLEAN DEFAULT '0' NOT NULL;
