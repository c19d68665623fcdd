-- alembic-to-sql: Alembic revision 6222ce48e289 (Add partition fields to DagModel.)
-- revises: 134de42d3cb0
-- from: migrations/versions/0107_3_2_0_add_partition_fields_to_dag.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN timetable_partitioned BOOLEAN DEFAULT '0' NOT NULL;

ALTER TABLE dag ADD COLUMN next_dagrun_partition_key VARCHAR(255);

ALTER TABLE dag ADD COLUMN next_dagrun_partition_date TIMESTAMP WITH TIME ZONE;

ALTER TABLE dag_run ADD COLUMN partition_date TIMESTAMP WITH TIME ZONE;
