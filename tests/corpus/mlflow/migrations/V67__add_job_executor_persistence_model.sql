-- alembic-to-sql: Alembic revision dc11669786a5 (add job executor persistence model)
-- revises: 75868b020152
-- from: mlflow/store/db_migrations/versions/dc11669786a5_add_job_executor_persistence_model.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE scheduler_leases (
    lease_key VARCHAR(255) NOT NULL, 
    acquired_at BIGINT NOT NULL, 
    ttl_seconds INTEGER NOT NULL, 
    CONSTRAINT scheduler_leases_pk PRIMARY KEY (lease_key)
);

CREATE TABLE job_locks (
    lock_key VARCHAR(255) NOT NULL, 
    job_id VARCHAR(36) NOT NULL, 
    acquired_at BIGINT NOT NULL, 
    CONSTRAINT job_locks_pk PRIMARY KEY (lock_key), 
    CONSTRAINT fk_job_locks_job_id FOREIGN KEY(job_id) REFERENCES jobs (id) ON DELETE CASCADE
);

CREATE INDEX index_job_locks_job_id ON job_locks (job_id);

ALTER TABLE jobs ADD COLUMN executor_backend VARCHAR(255);

ALTER TABLE jobs ADD COLUMN lease_expires_at BIGINT;

ALTER TABLE jobs ADD COLUMN status_message TEXT;

ALTER TABLE jobs ADD COLUMN progress JSON;

ALTER TABLE jobs ADD COLUMN progress_updated_at BIGINT;

ALTER TABLE jobs ADD COLUMN token_hash VARCHAR(64);

ALTER TABLE jobs ADD COLUMN scoped_permissions JSON;

ALTER TABLE jobs ADD COLUMN next_attempt_at BIGINT;

CREATE INDEX index_jobs_status_lease_expires_at ON jobs (status, lease_expires_at);

UPDATE jobs SET status=5, last_update_time=1796560047990 WHERE jobs.status IN (0, 1);
