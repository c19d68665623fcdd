-- alembic-to-sql: Alembic revision ab6dc0c82d0e (Change ``serialized_dag`` data column to JSONB for PostgreSQL.)
-- revises: 15d84ca19038
-- from: migrations/versions/0089_3_2_0_change_serialized_dag_data_column_to_jsonb.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() tests context.is_offline_mode(): what it does offline is not what it does
--   online, so the SQL offline mode prints is not the revision: the file stops any deploy that
--   runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   conn = op.get_bind()
--   dialect = conn.dialect.name
--   if dialect == 'postgresql':
--     if context.is_offline_mode():
--       print(dedent("\n ------------\n -- WARNING: Converting JSON to JSONB in offline mode!\n -- This m...
--     op.execute('\n ALTER TABLE serialized_dag\n ALTER COLUMN data TYPE JSONB\n USING data::JSONB\n ')
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when apache-airflow-core 3.3.2 (alembic -c airflow/alembic.ini) ran it
-- online (alembic upgrade 15d84ca19038:ab6dc0c82d0e) on a database built by the revisions
-- before it and holding no rows, less its reads (SELECT) and alembic_version. What its Python
-- does with existing rows (loops, batches until no row changes, rows it reads and writes back)
-- is not here: read the revision before deploying this file to a database with data.

ALTER TABLE serialized_dag
            ALTER COLUMN data TYPE JSONB
            USING data::JSONB;
