-- alembic-to-sql: Alembic revision c20871fbf23a (Add partition_mapper_info to DagModel.)
-- revises: c9d4e5f6a7b8
-- from: migrations/versions/0120_3_3_0_add_partition_mapper_info_to_dag.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN partition_mapper_info JSON;

UPDATE dag SET partition_mapper_info = '[]' WHERE partition_mapper_info IS NULL;

ALTER TABLE dag ALTER COLUMN partition_mapper_info SET NOT NULL;
