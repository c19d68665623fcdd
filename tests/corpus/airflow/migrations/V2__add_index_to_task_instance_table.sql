-- alembic-to-sql: Alembic revision 937cbd173ca1 (Add index to task_instance table.)
-- revises: 4bc4d934e2bc
-- from: migrations/versions/0001_2_7_0_add_index_to_task_instance_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

