-- alembic-to-sql: Alembic revision 3bf47e3ce2dd (add_index_on_log)
-- revises: 46bd82c6279a
-- from: prefect/server/database/_migrations/versions/postgresql/2023_04_04_132534_3bf47e3ce2dd_add_index_on_log.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX ix_log__flow_run_id_timestamp ON log (flow_run_id, timestamp);
