-- alembic-to-sql: Alembic revision 665854ef0536 (Update ORM for asset partitioning.)
-- revises: e812941398f4
-- from: migrations/versions/0095_3_2_0_update_orm_asset_partitioning.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE partitioned_asset_key_log (
    id SERIAL NOT NULL, 
    asset_id INTEGER NOT NULL, 
    asset_event_id INTEGER NOT NULL, 
    asset_partition_dag_run_id INTEGER NOT NULL, 
    source_partition_key VARCHAR(250) NOT NULL, 
    target_dag_id VARCHAR(250) NOT NULL, 
    target_partition_key VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT partitioned_asset_key_log_pkey PRIMARY KEY (id)
);

CREATE TABLE asset_partition_dag_run (
    id SERIAL NOT NULL, 
    target_dag_id VARCHAR(250) NOT NULL, 
    created_dag_run_id INTEGER, 
    partition_key VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT asset_partition_dag_run_pkey PRIMARY KEY (id), 
    CONSTRAINT apdr_created_dag_run_id_fkey FOREIGN KEY(created_dag_run_id) REFERENCES dag_run (id) ON DELETE CASCADE
);

ALTER TABLE asset_event ADD COLUMN partition_key VARCHAR(250);

ALTER TABLE dag_run ADD COLUMN partition_key VARCHAR(250);
