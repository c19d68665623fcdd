-- alembic-to-sql: Alembic revision d2f4e1b3c5a7 (Add partition_date to asset_partition_dag_run.)
-- revises: 9ff64e1c35d3
-- from: migrations/versions/0123_3_3_0_add_partition_date_to_asset_partition_dag_run.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE asset_partition_dag_run ADD COLUMN partition_date TIMESTAMP WITH TIME ZONE;
