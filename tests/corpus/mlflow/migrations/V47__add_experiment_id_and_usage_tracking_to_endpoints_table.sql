-- alembic-to-sql: Alembic revision d0e1f2a3b4c5 (add experiment_id and usage_tracking to endpoints table)
-- revises: d3e4f5a6b7c8
-- from: mlflow/store/db_migrations/versions/d0e1f2a3b4c5_add_experiment_id_to_endpoints.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE endpoints ADD COLUMN experiment_id INTEGER;

ALTER TABLE endpoints ADD COLUMN usage_tracking BOOLEAN DEFAULT '0' NOT NULL;

ALTER TABLE endpoints ADD CONSTRAINT fk_endpoints_experiment_id FOREIGN KEY(experiment_id) REFERENCES experiments (experiment_id) ON DELETE SET NULL;
