-- alembic-to-sql: Alembic revision 69ddce9a7247 (Add ``fail_fast`` column to dag table.)
-- revises: 5cc8117e9285
-- from: migrations/versions/0092_3_2_0_add_fail_fast_to_dag_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN fail_fast BOOLEAN DEFAULT '0' NOT NULL;
