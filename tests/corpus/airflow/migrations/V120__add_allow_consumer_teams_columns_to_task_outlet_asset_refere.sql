-- alembic-to-sql: Alembic revision c9d4e5f6a7b8 (Add allow_consumer_teams columns to task_outlet_asset_reference table.)
-- revises: a7e6d4c3b2f1
-- from: migrations/versions/0119_3_3_0_add_allow_consumer_teams_to_task_outlet_asset_reference.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_outlet_asset_reference ADD COLUMN allow_consumer_teams JSON;

ALTER TABLE task_outlet_asset_reference ADD COLUMN allow_global_consumers BOOLEAN DEFAULT true NOT NULL;
