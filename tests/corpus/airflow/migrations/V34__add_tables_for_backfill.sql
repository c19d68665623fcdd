-- alembic-to-sql: Alembic revision 522625f6d606 (Add tables for backfill.)
-- revises: 1cdc775ca98f
-- from: migrations/versions/0033_3_0_0_add_tables_for_backfill.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE backfill (
    id SERIAL NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    from_date TIMESTAMP WITH TIME ZONE NOT NULL, 
    to_date TIMESTAMP WITH TIME ZONE NOT NULL, 
    dag_run_conf JSON NOT NULL, 
    is_paused BOOLEAN, 
    max_active_runs INTEGER NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    completed_at TIMESTAMP WITH TIME ZONE, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT backfill_pkey PRIMARY KEY (id)
);

CREATE TABLE backfill_dag_run (
    id SERIAL NOT NULL, 
    backfill_id INTEGER NOT NULL, 
    dag_run_id INTEGER, 
    sort_ordinal INTEGER NOT NULL, 
    CONSTRAINT backfill_dag_run_pkey PRIMARY KEY (id), 
    CONSTRAINT ix_bdr_backfill_id_dag_run_id UNIQUE (backfill_id, dag_run_id), 
    CONSTRAINT bdr_backfill_fkey FOREIGN KEY(backfill_id) REFERENCES backfill (id) ON DELETE cascade, 
    CONSTRAINT bdr_dag_run_fkey FOREIGN KEY(dag_run_id) REFERENCES dag_run (id) ON DELETE set null
);
