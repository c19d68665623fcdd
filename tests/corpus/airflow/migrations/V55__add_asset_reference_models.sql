-- alembic-to-sql: Alembic revision 38770795785f (Add asset reference models.)
-- revises: 5c9c0231baa2
-- from: migrations/versions/0054_3_0_0_add_asset_reference_models.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE dag_schedule_asset_name_reference (
    name VARCHAR(1500) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT dsanr_pkey PRIMARY KEY (name, dag_id), 
    CONSTRAINT dsanr_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE INDEX idx_dag_schedule_asset_name_reference_dag_id ON dag_schedule_asset_name_reference (dag_id);

CREATE TABLE dag_schedule_asset_uri_reference (
    uri VARCHAR(1500) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT dsaur_pkey PRIMARY KEY (uri, dag_id), 
    CONSTRAINT dsaur_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);

CREATE INDEX idx_dag_schedule_asset_uri_reference_dag_id ON dag_schedule_asset_uri_reference (dag_id);
