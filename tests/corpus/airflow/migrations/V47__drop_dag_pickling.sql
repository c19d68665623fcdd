-- alembic-to-sql: Alembic revision d03e4a635aa3 (Drop DAG pickling.)
-- revises: d8cd3297971e
-- from: migrations/versions/0046_3_0_0_drop_dag_pickling.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag DROP COLUMN pickle_id;

ALTER TABLE dag DROP COLUMN last_pickled;

DROP TABLE dag_pickle;
