-- alembic-to-sql: Alembic revision 0b112f49112d (Add exceeds max runs flag to dag model.)
-- revises: c47f2e1ab9d4
-- from: migrations/versions/0099_3_2_0_add_exceeds_max_runs_flag_to_dag_model.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN exceeds_max_non_backfill BOOLEAN DEFAULT '0' NOT NULL;
