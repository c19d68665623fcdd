-- alembic-to-sql: Alembic revision 16cbcb1c8c36 (Remove redundant index.)
-- revises: 522625f6d606
-- from: migrations/versions/0034_3_0_0_remove_redundant_index.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX idx_log_dag;
