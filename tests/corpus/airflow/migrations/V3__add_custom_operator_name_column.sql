-- alembic-to-sql: Alembic revision 788397e78828 (Add custom_operator_name column.)
-- revises: 937cbd173ca1
-- from: migrations/versions/0002_2_7_0_add_custom_operator_name_column.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_instance ADD COLUMN custom_operator_name VARCHAR(1000);
