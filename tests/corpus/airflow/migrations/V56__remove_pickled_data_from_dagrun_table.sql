-- alembic-to-sql: Alembic revision e39a26ac59f6 (Remove pickled data from dagrun table.)
-- revises: 38770795785f
-- from: airflow/migrations/versions/0055_3_0_0_remove_pickled_data_from_dagrun_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls fetchall, get_bind: the statements it sends through the connection
--   are here, but whatever its Python decides from what it reads (rows, inspect(), has_table)
--   happens only online; check this file against the revision

ALTER TABLE dag_run ADD COLUMN conf_json JSONB;

ALTER TABLE dag_run DROP COLUMN conf;

ALTER TABLE dag_run RENAME conf_json TO conf;
