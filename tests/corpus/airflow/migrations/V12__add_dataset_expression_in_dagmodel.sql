-- alembic-to-sql: Alembic revision ab34f260b71c (Add dataset_expression in DagModel.)
-- revises: d75389605139
-- from: migrations/versions/0011_2_9_0_add_dataset_expression_in_dagmodel.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN dataset_expression JSON;
