-- alembic-to-sql: Alembic revision 2b47dc6bc8df (Add dag versioning.)
-- revises: d03e4a635aa3
-- from: migrations/versions/0047_3_0_0_add_dag_versioning.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

delete from dag_code;;

delete from serialized_dag;;

CREATE TABLE dag_version (
    id UUID NOT NULL, 
    version_number INTEGER NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    last_updated TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT dag_version_pkey PRIMARY KEY (id), 
    CONSTRAINT dag_version_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE, 
    CONSTRAINT dag_id_v_name_v_number_unique_constraint UNIQUE (dag_id, version_number)
);

ALTER TABLE dag_code DROP CONSTRAINT dag_code_pkey;

ALTER TABLE dag_code DROP COLUMN fileloc_hash;

ALTER TABLE dag_code ADD COLUMN id UUID NOT NULL;

ALTER TABLE dag_code ADD CONSTRAINT dag_code_pkey PRIMARY KEY (id);

ALTER TABLE dag_code ADD COLUMN dag_version_id UUID NOT NULL;

ALTER TABLE dag_code ADD COLUMN source_code_hash VARCHAR(32) NOT NULL;

ALTER TABLE dag_code ADD COLUMN dag_id VARCHAR(250) NOT NULL;

ALTER TABLE dag_code ADD COLUMN created_at TIMESTAMP WITH TIME ZONE NOT NULL;

ALTER TABLE dag_code ADD CONSTRAINT dag_code_dag_version_id_fkey FOREIGN KEY(dag_version_id) REFERENCES dag_version (id) ON DELETE CASCADE;

ALTER TABLE dag_code ADD CONSTRAINT dag_code_dag_version_id_uq UNIQUE (dag_version_id);

ALTER TABLE serialized_dag DROP CONSTRAINT serialized_dag_pkey;

DROP INDEX idx_fileloc_hash;

ALTER TABLE serialized_dag DROP COLUMN fileloc_hash;

ALTER TABLE serialized_dag DROP COLUMN fileloc;

ALTER TABLE serialized_dag ADD COLUMN id UUID NOT NULL;

ALTER TABLE serialized_dag ADD COLUMN dag_version_id UUID NOT NULL;

ALTER TABLE serialized_dag ADD COLUMN created_at TIMESTAMP WITH TIME ZONE NOT NULL;

ALTER TABLE serialized_dag ADD CONSTRAINT serialized_dag_pkey PRIMARY KEY (id);

ALTER TABLE serialized_dag ADD CONSTRAINT serialized_dag_dag_version_id_fkey FOREIGN KEY(dag_version_id) REFERENCES dag_version (id) ON DELETE CASCADE;

ALTER TABLE serialized_dag ADD CONSTRAINT serialized_dag_dag_version_id_uq UNIQUE (dag_version_id);

ALTER TABLE task_instance ADD COLUMN dag_version_id UUID;

ALTER TABLE task_instance ADD CONSTRAINT task_instance_dag_version_id_fkey FOREIGN KEY(dag_version_id) REFERENCES dag_version (id) ON DELETE CASCADE;

ALTER TABLE task_instance_history ADD COLUMN dag_version_id UUID;

ALTER TABLE dag_run DROP COLUMN dag_hash;

ALTER TABLE dag_run ADD COLUMN created_dag_version_id UUID;

ALTER TABLE dag_run ADD CONSTRAINT created_dag_version_id_fkey FOREIGN KEY(created_dag_version_id) REFERENCES dag_version (id) ON DELETE SET NULL;
