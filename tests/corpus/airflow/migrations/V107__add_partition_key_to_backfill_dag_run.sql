-- alembic-to-sql: Alembic revision 134de42d3cb0 (Add partition_key to backfill_dag_run.)
-- revises: e42d9fcd10d9
-- from: migrations/versions/0106_3_2_0_add_partition_key_to_backfill_dag_run.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_run ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE backfill_dag_run ADD COLUMN partition_key VARCHAR(250);

ALTER TABLE backfill_dag_run ALTER COLUMN logical_date DROP NOT NULL;
