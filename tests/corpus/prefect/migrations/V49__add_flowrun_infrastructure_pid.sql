-- alembic-to-sql: Alembic revision 5d526270ddb4 (Add FlowRun.infrastructure_pid)
-- revises: 8caf7c1fd82c
-- from: prefect/server/database/_migrations/versions/postgresql/2022_11_18_161056_5d526270ddb4_add_flowrun_infrastructure_pid.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE flow_run ADD COLUMN infrastructure_pid VARCHAR;
