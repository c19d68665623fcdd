-- alembic-to-sql: Alembic revision 7d918a392297 (remove_flowrun_deployment_fk)
-- revises: cfdfec5d7557
-- from: prefect/server/database/_migrations/versions/postgresql/2023_03_01_154651_7d918a392297_remove_flowrun_deployment_fk.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

ALTER TABLE flow_run DROP CONSTRAINT IF EXISTS fk_flow_run__deployment_id__deployment;
