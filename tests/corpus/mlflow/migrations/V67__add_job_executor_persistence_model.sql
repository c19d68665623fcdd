-- alembic-to-sql: Alembic revision dc11669786a5 (add job executor persistence model)
-- revises: 75868b020152
-- from: mlflow/store/db_migrations/versions/dc11669786a5_add_job_executor_persistence_model.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind (in _get_json_type()): the statements it sends through the
--   connection are here, but whatever its Python decides from what it reads (rows, inspect(),
--   has_table) happens only online; check this file against the revision
-- WARNING: upgrade() calls time() (in _cancel_non_terminal_jobs()): a value it computes when it
--   runs is in this file as computed at conversion, where each online run computed its own (and
--   converting again writes another); check the values this file writes

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
