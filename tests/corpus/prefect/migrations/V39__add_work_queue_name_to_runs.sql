-- alembic-to-sql: Alembic revision 77eb737fc759 (Add work queue name to runs)
-- revises: 60e428f92a75
-- from: prefect/server/database/_migrations/versions/postgresql/2022_08_07_134410_77eb737fc759_add_work_queue_name_to_runs.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN work_queue_name VARCHAR;

CREATE INDEX ix_deployment__work_queue_name ON deployment (work_queue_name);

ALTER TABLE flow_run ADD COLUMN work_queue_name VARCHAR;

CREATE INDEX ix_flow_run__work_queue_name ON flow_run (work_queue_name);

ALTER TABLE work_queue ALTER COLUMN filter DROP NOT NULL;

ALTER TABLE work_queue ALTER COLUMN filter DROP DEFAULT;
