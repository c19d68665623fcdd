-- alembic-to-sql: Alembic revision 16f7f5ee874e (Remove dag.default_view column.)
-- revises: cf87489a35df
-- from: migrations/versions/0062_3_0_0_remove_dag_default_view.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag DROP COLUMN default_view;
