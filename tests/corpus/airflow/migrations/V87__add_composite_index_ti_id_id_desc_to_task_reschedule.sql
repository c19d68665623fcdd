-- alembic-to-sql: Alembic revision 82dbd68e6171 (Add composite index (ti_id, id DESC) to task_reschedule.)
-- revises: cc92b33c6709
-- from: migrations/versions/0086_3_1_8_add_index_to_task_reschedule_ti_id.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX idx_task_reschedule_ti_id_id_desc ON task_reschedule (ti_id, id DESC);
