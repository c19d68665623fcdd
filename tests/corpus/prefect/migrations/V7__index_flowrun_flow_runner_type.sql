-- alembic-to-sql: Alembic revision d115556a8ab6 (Index FlowRun.flow_runner_type)
-- revises: 4799f657a6a1
-- from: prefect/server/database/_migrations/versions/postgresql/2022_02_21_111050_d115556a8ab6_index_flowrun_flow_runner_type.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX ix_flow_run__flow_runner_type ON flow_run (flow_runner_type);
