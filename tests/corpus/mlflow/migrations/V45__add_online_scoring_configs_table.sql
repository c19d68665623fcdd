-- alembic-to-sql: Alembic revision 2c33131f4dae (add online_scoring_configs table)
-- revises: c9d4e5f6a7b8
-- from: mlflow/store/db_migrations/versions/2c33131f4dae_add_online_scoring_configs_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE online_scoring_configs (
    online_scoring_config_id VARCHAR(36) NOT NULL, 
    scorer_id VARCHAR(36) NOT NULL, 
    sample_rate FLOAT(53) NOT NULL, 
    experiment_id INTEGER NOT NULL, 
    filter_string TEXT, 
    CONSTRAINT online_scoring_config_pk PRIMARY KEY (online_scoring_config_id), 
    CONSTRAINT fk_online_scoring_configs_scorer_id FOREIGN KEY(scorer_id) REFERENCES scorers (scorer_id) ON DELETE CASCADE, 
    CONSTRAINT fk_online_scoring_configs_experiment_id FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id)
);
