-- alembic-to-sql: Alembic revision a4c2d171ae18 (Add dag_result to XComModel.)
-- revises: 1d6611b6ab7c
-- from: migrations/versions/0110_3_3_0_xcom_dag_result.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE xcom ADD COLUMN dag_result BOOLEAN;
