-- alembic-to-sql: Alembic revision fde9ed84d07b (Add task_state_store and asset_state_store tables.)
-- revises: 9fabad868fdb
-- from: migrations/versions/0112_3_3_0_add_task_state_store_and_asset_state_store_tables.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE asset_state_store (
    asset_id INTEGER NOT NULL, 
    key VARCHAR(512) NOT NULL, 
    value TEXT NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    last_updated_by_kind VARCHAR(16), 
    last_updated_by_dag_id VARCHAR(250), 
    last_updated_by_run_id VARCHAR(250), 
    last_updated_by_task_id VARCHAR(250), 
    last_updated_by_map_index INTEGER, 
    CONSTRAINT asset_state_store_pkey PRIMARY KEY (asset_id, key), 
    CONSTRAINT asset_state_store_asset_fkey FOREIGN KEY(asset_id) REFERENCES asset (id) ON DELETE CASCADE
);

CREATE TABLE task_state_store (
    id SERIAL NOT NULL, 
    dag_run_id INTEGER NOT NULL, 
    task_id VARCHAR(250) NOT NULL, 
    map_index INTEGER DEFAULT '-1' NOT NULL, 
    key VARCHAR(512) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    run_id VARCHAR(250) NOT NULL, 
    value TEXT NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    expires_at TIMESTAMP WITH TIME ZONE, 
    CONSTRAINT task_state_store_pkey PRIMARY KEY (id), 
    CONSTRAINT task_state_store_dag_run_fkey FOREIGN KEY(dag_run_id) REFERENCES dag_run (id) ON DELETE CASCADE, 
    CONSTRAINT task_state_store_uq UNIQUE (dag_run_id, task_id, map_index, key)
);

CREATE INDEX idx_task_state_store_lookup ON task_state_store (dag_id, run_id, task_id, map_index);

CREATE INDEX idx_task_state_store_expires_at ON task_state_store (expires_at);
