-- alembic-to-sql: Alembic revision 88344c1d9134 (Drop unused TI index.)
-- revises: 10b52ebd31f7
-- from: migrations/versions/0008_2_8_1_refactor_dag_run_indexes.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX IF EXISTS ti_state_incl_start_date;
