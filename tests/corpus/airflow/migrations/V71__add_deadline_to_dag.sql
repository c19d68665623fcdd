-- alembic-to-sql: Alembic revision dfee8bd5d574 (Add Deadline to Dag.)
-- revises: fe199e1abd77
-- from: migrations/versions/0070_3_1_0_add_deadline_to_dag.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag ADD COLUMN deadline JSON;
