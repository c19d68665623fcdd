-- alembic-to-sql: Alembic revision 534353b11cbc (add scorer tables)
-- revises: 1a0cddfcaa16
-- from: mlflow/store/db_migrations/versions/534353b11cbc_add_scorer_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE scorers (
    experiment_id INTEGER NOT NULL, 
    scorer_name VARCHAR(256) NOT NULL, 
    scorer_id VARCHAR(36) NOT NULL, 
    CONSTRAINT scorer_pk PRIMARY KEY (scorer_id), 
    CONSTRAINT fk_scorers_experiment_id FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id) ON DELETE CASCADE
);

CREATE TABLE scorer_versions (
    scorer_id VARCHAR(36) NOT NULL, 
    scorer_version INTEGER NOT NULL, 
    serialized_scorer TEXT NOT NULL, 
    creation_time BIGINT, 
    CONSTRAINT scorer_version_pk PRIMARY KEY (scorer_id, scorer_version), 
    CONSTRAINT fk_scorer_versions_scorer_id FOREIGN KEY(scorer_id) REFERENCES scorers (scorer_id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX index_scorers_experiment_id_scorer_name ON scorers (experiment_id, scorer_name);

CREATE INDEX index_scorer_versions_scorer_id ON scorer_versions (scorer_id);
