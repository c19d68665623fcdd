-- alembic-to-sql: Alembic revision 3a8972ecb8f9 (Add exception_reason and logical_date to BackfillDagRun.)
-- revises: fb2d4922cd79
-- from: migrations/versions/0040_3_0_0_add_exception_reason_and_logical_date_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE backfill ADD COLUMN reprocess_behavior VARCHAR(250) NOT NULL;

ALTER TABLE backfill_dag_run ADD COLUMN exception_reason VARCHAR(250);

ALTER TABLE backfill_dag_run ADD COLUMN logical_date TIMESTAMP WITH TIME ZONE NOT NULL;
