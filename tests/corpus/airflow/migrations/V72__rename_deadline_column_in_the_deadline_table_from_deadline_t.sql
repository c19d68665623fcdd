-- alembic-to-sql: Alembic revision 0242ac120002 (Rename Deadline column in the Deadline table from deadline to deadline_time and change its type from DateTime to UTC DateTime.)
-- revises: dfee8bd5d574
-- from: migrations/versions/0071_3_1_0_rename_and_change_type_of_deadline_column.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX deadline_idx;

ALTER TABLE deadline ALTER COLUMN deadline TYPE TIMESTAMP WITH TIME ZONE;

ALTER TABLE deadline RENAME deadline TO deadline_time;

CREATE INDEX deadline_time_idx ON deadline (deadline_time);
