-- alembic-to-sql: Alembic revision 45a12f74448b (add distribution column to datasets table)
-- revises: d00f819ccc67
-- from: alembic/versions/45a12f74448b_add_distribution_column_to_datasets_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE datasets ADD COLUMN distribution JSON;

UPDATE datasets SET distribution = '{"strategy": "overlap", "min_submitted": 1}';

ALTER TABLE datasets ALTER COLUMN distribution SET NOT NULL;
