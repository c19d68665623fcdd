-- alembic-to-sql: Alembic revision 6a9e7a527a88 (Add DagRun run_after.)
-- revises: 33b04e4bfa19
-- from: migrations/versions/0058_3_0_0_add_dagrun_run_after.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_run ADD COLUMN run_after TIMESTAMP WITH TIME ZONE;

update dag_run set run_after = coalesce(data_interval_end, logical_date);

ALTER TABLE dag_run ALTER COLUMN run_after SET NOT NULL;

CREATE INDEX idx_dag_run_run_after ON dag_run (run_after);
