-- alembic-to-sql: Alembic revision df50e92ffc5e (Add Experiment Tags Table)
-- revises: 181f10493468
-- from: mlflow/store/db_migrations/versions/df50e92ffc5e_add_experiment_tags_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE experiment_tags (
    key VARCHAR(250) NOT NULL, 
    value VARCHAR(5000), 
    experiment_id INTEGER NOT NULL, 
    CONSTRAINT experiment_tag_pk PRIMARY KEY (key, experiment_id), 
    FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id)
);
