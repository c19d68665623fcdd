-- alembic-to-sql: Alembic revision 55297ae24532 (Add required fields to enable UI integrations for the Deadline Alerts feature.)
-- revises: e79fc784f145
-- from: airflow/migrations/versions/0101_3_2_0_ui_improvements_for_deadlines.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

CREATE TABLE deadline_alert (
    id UUID NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    serialized_dag_id UUID NOT NULL, 
    name VARCHAR(250), 
    description TEXT, 
    reference JSON NOT NULL, 
    interval FLOAT NOT NULL, 
    callback_def JSON NOT NULL, 
    CONSTRAINT deadline_alert_pkey PRIMARY KEY (id)
);

ALTER TABLE deadline ADD COLUMN deadline_alert_id UUID;

ALTER TABLE deadline ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE deadline ADD COLUMN last_updated_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE deadline ADD CONSTRAINT deadline_deadline_alert_id_fkey FOREIGN KEY(deadline_alert_id) REFERENCES deadline_alert (id) ON DELETE SET NULL;

UPDATE deadline
            SET created_at = NULL, last_updated_at = NULL
            WHERE created_at IS NULL OR last_updated_at IS NULL;

ALTER TABLE deadline ALTER COLUMN created_at SET NOT NULL;

ALTER TABLE deadline ALTER COLUMN last_updated_at SET NOT NULL;

ALTER TABLE deadline_alert ADD CONSTRAINT deadline_alert_serialized_dag_id_fkey FOREIGN KEY(serialized_dag_id) REFERENCES serialized_dag (id) ON DELETE CASCADE;
