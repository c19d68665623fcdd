-- alembic-to-sql: Alembic revision a7f3b2c1d4e5 (Add access control columns to dag_schedule_asset_reference table.)
-- revises: b8f3e4a1d2c9
-- from: migrations/versions/0114_3_3_0_add_access_control_columns_to_dag_schedule_asset_reference.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_schedule_asset_reference ADD COLUMN allow_producer_teams JSON;

ALTER TABLE dag_schedule_asset_reference ADD COLUMN allow_global_producers BOOLEAN DEFAULT true NOT NULL;
