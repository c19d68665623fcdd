-- alembic-to-sql: Alembic revision c3389cd7793f (Add backfill to dag run model.)
-- revises: 0d9e73a75ee4
-- from: migrations/versions/0037_3_0_0_add_backfill_to_dag_run_model.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_run ADD COLUMN backfill_id INTEGER;

ALTER TABLE dag_run ADD CONSTRAINT dag_run_backfill_id_fkey FOREIGN KEY(backfill_id) REFERENCES backfill (id);
