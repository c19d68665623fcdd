-- alembic-to-sql: Alembic revision d0f1c55954fa (Remove SubDAGs: ``is_subdag`` & ``root_dag_id`` columns from DAG table.)
-- revises: 044f740568ec
-- from: migrations/versions/0029_3_0_0_remove_is_subdag.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag DROP COLUMN is_subdag;

DROP INDEX idx_root_dag_id;

ALTER TABLE dag DROP COLUMN root_dag_id;
