-- alembic-to-sql: Alembic revision bf29a5ff90ea (add jobs table)
-- revises: 3da73c924c2f
-- from: mlflow/store/db_migrations/versions/bf29a5ff90ea_add_jobs_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE jobs (
    id VARCHAR(36) NOT NULL, 
    creation_time BIGINT NOT NULL, 
    function_fullname VARCHAR(500) NOT NULL, 
    params TEXT NOT NULL, 
    timeout FLOAT(53), 
    status INTEGER NOT NULL, 
    result TEXT, 
    retry_count INTEGER NOT NULL, 
    last_update_time BIGINT NOT NULL, 
    CONSTRAINT jobs_pk PRIMARY KEY (id)
);

CREATE INDEX index_jobs_function_status_creation_time ON jobs (function_fullname, status, creation_time);
