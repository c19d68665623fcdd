-- alembic-to-sql: Alembic revision e085c9cbf8ce (Remove flow runners)
-- revises: 0cf7311d6ea6
-- from: prefect/server/database/_migrations/versions/postgresql/2022_07_21_133134_e085c9cbf8ce_remove_flow_runners.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment DROP COLUMN flow_runner_type;

ALTER TABLE deployment DROP COLUMN flow_runner_config;

ALTER TABLE deployment DROP COLUMN description;

DROP INDEX ix_flow_run__flow_runner_type;

ALTER TABLE flow_run DROP COLUMN flow_runner_type;

ALTER TABLE flow_run DROP COLUMN flow_runner_config;

ALTER TABLE flow_run DROP COLUMN empirical_config;
