-- alembic-to-sql: Alembic revision ab6dc0c82d0e (Change ``serialized_dag`` data column to JSONB for PostgreSQL.)
-- revises: 15d84ca19038
-- from: airflow/migrations/versions/0089_3_2_0_change_serialized_dag_data_column_to_jsonb.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TABLE serialized_dag
            ALTER COLUMN data TYPE JSONB
            USING data::JSONB;
