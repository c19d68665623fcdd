-- alembic-to-sql: Alembic revision 237cef8dfea1 (Add deadline alerts table.)
-- revises: 038dc8bc6284
-- from: migrations/versions/0052_3_0_0_add_deadline_alerts_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE deadline (
    id UUID NOT NULL, 
    dag_id VARCHAR(250), 
    dagrun_id INTEGER, 
    deadline TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    callback VARCHAR(500) NOT NULL, 
    callback_kwargs JSON, 
    CONSTRAINT deadline_pkey PRIMARY KEY (id), 
    CONSTRAINT deadline_dagrun_id_fkey FOREIGN KEY(dagrun_id) REFERENCES dag_run (id) ON DELETE CASCADE, 
    CONSTRAINT deadline_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE INDEX deadline_idx ON deadline (deadline);
