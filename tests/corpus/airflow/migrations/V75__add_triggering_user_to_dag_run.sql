-- alembic-to-sql: Alembic revision 66a7743fe20e (Add triggering user to dag_run.)
-- revises: 583e80dfcef4
-- from: migrations/versions/0074_3_1_0_add_triggering_user_to_dag_run.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE backfill ADD COLUMN triggering_user_name VARCHAR(512);

ALTER TABLE dag_run ADD COLUMN triggering_user_name VARCHAR(512);
