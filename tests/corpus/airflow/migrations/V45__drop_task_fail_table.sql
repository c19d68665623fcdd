-- alembic-to-sql: Alembic revision 5f57a45b8433 (Drop task_fail table.)
-- revises: 486ac7936b78
-- from: migrations/versions/0044_3_0_0__drop_task_fail_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP TABLE task_fail;
