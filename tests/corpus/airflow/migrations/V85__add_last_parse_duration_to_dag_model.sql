-- alembic-to-sql: Alembic revision eaf332f43c7c (Add last_parse_duration to dag model.)
-- revises: a3c7f2b18d4e
-- from: migrations/versions/0084_3_1_0_add_last_parse_duration_to_dag_model.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN last_parse_duration FLOAT;
