-- alembic-to-sql: Alembic revision dd5f3a8e2b91 (Add rollup_fingerprint to AssetPartitionDagRun and index partitioned_asset_key_log.asset_partition_dag_run_id.)
-- revises: c20871fbf23a
-- from: migrations/versions/0121_3_3_0_add_rollup_fingerprint_to_apdr.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE asset_partition_dag_run ADD COLUMN rollup_fingerprint JSON;

CREATE INDEX idx_pakl_apdr_id ON partitioned_asset_key_log (asset_partition_dag_run_id);
