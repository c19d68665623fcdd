-- alembic-to-sql: Alembic revision c1d2e3f4a5b6 (add span experiment and start time index)
-- revises: a8b9c0d1e2f3
-- from: mlflow/store/db_migrations/versions/c1d2e3f4a5b6_add_span_experiment_start_time_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

DROP INDEX index_spans_experiment_id;

CREATE INDEX index_spans_experiment_id_start_time ON spans (experiment_id, start_time_unix_nano);
