-- alembic-to-sql: Alembic revision 7737221bf8a4 (Fix name on concurrency_limit.tag index.)
-- revises: 97e212ea6545
-- from: prefect/server/database/_migrations/versions/postgresql/2022_08_07_154550_7737221bf8a4_fix_concurrency_limit_tag_index_name.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER INDEX ix_concurrency_limit__tag RENAME TO uq_concurrency_limit__tag;
