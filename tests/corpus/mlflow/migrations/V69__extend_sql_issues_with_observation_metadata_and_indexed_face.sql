-- alembic-to-sql: Alembic revision 8b6ad64cb8f5 (Extend SQL Issues with observation, metadata and indexed facets.)
-- revises: e7d1f4b2a9c6
-- from: mlflow/store/db_migrations/versions/8b6ad64cb8f5_extend_issue_contract.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'fetchmany'): the file stops any deploy that runs it until its SQL is written by hand
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when mlflow-skinny 3.18.0's own initialization (create_all of InitialBase,
-- then alembic upgrade) ran it online (alembic upgrade e7d1f4b2a9c6:8b6ad64cb8f5) on a database
-- built by the revisions before it and holding no rows, less its reads (SELECT) and
-- alembic_version. What its Python does with existing rows (loops, batches until no row
-- changes, rows it reads and writes back) is not here: read the revision before deploying this
-- file to a database with data.

ALTER TABLE issues ADD COLUMN last_seen_timestamp BIGINT;

ALTER TABLE issues ADD COLUMN last_updated_by VARCHAR(255);

ALTER TABLE issues ADD COLUMN metadata TEXT;

CREATE INDEX index_issues_experiment_last_seen ON issues (experiment_id, last_seen_timestamp);

CREATE INDEX index_issues_experiment_updated ON issues (experiment_id, last_updated_timestamp);

CREATE TABLE issue_categories (
	issue_id VARCHAR(36) NOT NULL, 
	category_hash VARCHAR(64) NOT NULL, 
	category TEXT NOT NULL, 
	CONSTRAINT issue_categories_pk PRIMARY KEY (issue_id, category_hash), 
	CONSTRAINT fk_issue_categories_issue_id FOREIGN KEY(issue_id) REFERENCES issues (issue_id) ON DELETE CASCADE
);

CREATE INDEX index_issue_categories_hash ON issue_categories (category_hash);

UPDATE issues SET last_seen_timestamp=issues.created_timestamp;
