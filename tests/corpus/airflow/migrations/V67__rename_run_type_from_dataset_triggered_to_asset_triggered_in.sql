-- alembic-to-sql: Alembic revision 0e9519b56710 (Rename run_type from 'dataset_triggered' to 'asset_triggered' in dag_run table.)
-- revises: ec62e120484d
-- from: migrations/versions/0066_3_0_0_rename_dataset_triggered_to_asset_triggered.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

update dag_run set run_type = 'asset_triggered' where run_type = 'dataset_triggered';
