-- alembic-to-sql: Alembic revision 451aebb31d03 (add metric step)
-- revises: base (the first revision)
-- from: mlflow/store/db_migrations/versions/451aebb31d03_add_metric_step.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- HAND-WRITTEN (the CREATE TABLE statements before the revision's own SQL): MLflow's history
-- does not start from an empty database. MLflow's own initialization
-- (mlflow.store.db.utils._initialize_tables) first creates these five tables with
-- InitialBase.metadata.create_all() and only then runs `alembic upgrade heads`; `alembic upgrade
-- head` alone fails on an empty database at this first revision. The statements are the ones that
-- create_all sent to PostgreSQL (mlflow-skinny 3.18.0). They are in this file, not a file of
-- their own, so that every Alembic revision K still maps to the files V1..VK that built a
-- database at revision K (alembic_revisions.toml).

CREATE TABLE experiments (
	experiment_id SERIAL NOT NULL, 
	name VARCHAR(256) NOT NULL, 
	artifact_location VARCHAR(256), 
	lifecycle_stage VARCHAR(32), 
	CONSTRAINT experiment_pk PRIMARY KEY (experiment_id), 
	CONSTRAINT experiments_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted')), 
	UNIQUE (name)
);

CREATE TABLE runs (
	run_uuid VARCHAR(32) NOT NULL, 
	name VARCHAR(250), 
	source_type VARCHAR(20), 
	source_name VARCHAR(500), 
	entry_point_name VARCHAR(50), 
	user_id VARCHAR(256), 
	status VARCHAR(20), 
	start_time BIGINT, 
	end_time BIGINT, 
	source_version VARCHAR(50), 
	lifecycle_stage VARCHAR(20), 
	artifact_uri VARCHAR(200), 
	experiment_id INTEGER, 
	CONSTRAINT run_pk PRIMARY KEY (run_uuid), 
	CONSTRAINT source_type CHECK (source_type IN ('NOTEBOOK', 'JOB', 'LOCAL', 'UNKNOWN', 'PROJECT')), 
	CONSTRAINT status CHECK (status IN ('SCHEDULED', 'FAILED', 'FINISHED', 'RUNNING')), 
	CONSTRAINT runs_lifecycle_stage CHECK (lifecycle_stage IN ('active', 'deleted')), 
	FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id)
);

CREATE TABLE tags (
	key VARCHAR(250) NOT NULL, 
	value VARCHAR(250), 
	run_uuid VARCHAR(32) NOT NULL, 
	CONSTRAINT tag_pk PRIMARY KEY (key, run_uuid), 
	FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid)
);

CREATE TABLE metrics (
	key VARCHAR(250) NOT NULL, 
	value FLOAT NOT NULL, 
	timestamp BIGINT NOT NULL, 
	run_uuid VARCHAR(32) NOT NULL, 
	CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, run_uuid), 
	FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid)
);

CREATE TABLE params (
	key VARCHAR(250) NOT NULL, 
	value VARCHAR(250) NOT NULL, 
	run_uuid VARCHAR(32) NOT NULL, 
	CONSTRAINT param_pk PRIMARY KEY (key, run_uuid), 
	FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid)
);

-- The revision itself (alembic-to-sql):
ALTER TABLE metrics ADD COLUMN step BIGINT DEFAULT '0' NOT NULL;

ALTER TABLE metrics DROP CONSTRAINT metric_pk;

ALTER TABLE metrics ADD CONSTRAINT metric_pk PRIMARY KEY (key, timestamp, step, run_uuid, value);
