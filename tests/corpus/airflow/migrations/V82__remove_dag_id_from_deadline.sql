-- alembic-to-sql: Alembic revision a169942745c2 (Remove dag_id from Deadline.)
-- revises: 808787349f22
-- from: migrations/versions/0081_3_1_0_remove_dag_id_from_deadline.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deadline DROP CONSTRAINT deadline_dag_id_fkey;

ALTER TABLE deadline DROP COLUMN dag_id;
