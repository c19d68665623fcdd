-- alembic-to-sql: Alembic revision 6a1eb3d442e4 (Add cols to artifact_collection)
-- revises: 3bf47e3ce2dd
-- from: prefect/server/database/_migrations/versions/postgresql/2023_04_04_172310_6a1eb3d442e4_add_cols_to_artifact_collection.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE artifact_collection ADD COLUMN task_run_id UUID;

ALTER TABLE artifact_collection ADD COLUMN flow_run_id UUID;

ALTER TABLE artifact_collection ADD COLUMN type VARCHAR;

ALTER TABLE artifact_collection ADD COLUMN data JSON;

ALTER TABLE artifact_collection ADD COLUMN description VARCHAR;

ALTER TABLE artifact_collection ADD COLUMN metadata_ JSON;
