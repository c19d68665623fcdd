-- alembic-to-sql: Alembic revision 41b3bc7c0272 (Add try_number to audit log.)
-- revises: ec3471c1e067
-- from: migrations/versions/0024_2_10_0_add_try_number_to_audit_log.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE log ADD COLUMN try_number INTEGER;

CREATE INDEX idx_log_task_instance ON log (dag_id, task_id, run_id, map_index, try_number);
