-- alembic-to-sql: Alembic revision 8b6ad64cb8f5 (Extend SQL Issues with observation, metadata and indexed facets.)
-- revises: e7d1f4b2a9c6
-- from: mlflow/store/db_migrations/versions/8b6ad64cb8f5_extend_issue_contract.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'fetchmany'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   with op.batch_alter_table('issues') as batch_op:
--     batch_op.add_column(sa.Column('last_seen_timestamp', sa.BigInteger(), nullable=True))
--     batch_op.add_column(sa.Column('last_updated_by', sa.String(255), nullable=True))
--     batch_op.add_column(sa.Column('metadata', sa.Text().with_variant(LONGTEXT(), 'mysql'), nullable=T...
--     batch_op.create_index('index_issues_experiment_last_seen', ['experiment_id', 'last_seen_timestamp'])
--     batch_op.create_index('index_issues_experiment_updated', ['experiment_id', 'last_updated_timestam...
--   op.create_table('issue_categories', sa.Column('issue_id', sa.String(36), nullable=False), sa.Colu...
--   op.create_index('index_issue_categories_hash', 'issue_categories', ['category_hash'])
--   issues = sa.table('issues', sa.column('issue_id'), sa.column('categories'), sa.column('created_ti...
--   conn = op.get_bind()
--   conn.execute(issues.update().values(last_seen_timestamp=issues.c.created_timestamp))
--   categories = sa.table('issue_categories', sa.column('issue_id'), sa.column('category_hash'), sa.c...
--   rows = conn.execute(sa.select(issues.c.issue_id, issues.c.categories).where(issues.c.categories.i...
--   while (batch := rows.fetchmany(500)):
--     entries = [{'issue_id': row.issue_id, 'category': category, 'category_hash': category_hash} for r...
--     if entries:
--       conn.execute(categories.insert(), entries)
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
