-- alembic-to-sql: Alembic revision 22ed7efa9da2 (Add dag_schedule_dataset_alias_reference table.)
-- revises: 8684e37832e6
-- from: migrations/versions/0026_2_10_0_dag_schedule_dataset_alias_reference.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE dag_schedule_dataset_alias_reference (
    alias_id INTEGER NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT dsdar_pkey PRIMARY KEY (alias_id, dag_id), 
    CONSTRAINT dsdar_dataset_fkey FOREIGN KEY(alias_id) REFERENCES dataset_alias (id) ON DELETE CASCADE, 
    CONSTRAINT dsdar_dag_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE INDEX idx_dag_schedule_dataset_alias_reference_dag_id ON dag_schedule_dataset_alias_reference (dag_id);
