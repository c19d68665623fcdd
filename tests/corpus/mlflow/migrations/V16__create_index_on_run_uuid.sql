-- alembic-to-sql: Alembic revision bd07f7e963c5 (create index on run_uuid)
-- revises: c48cb773bb87
-- from: mlflow/store/db_migrations/versions/bd07f7e963c5_create_index_on_run_uuid.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX index_params_run_uuid ON params (run_uuid);

CREATE INDEX index_metrics_run_uuid ON metrics (run_uuid);

CREATE INDEX index_latest_metrics_run_uuid ON latest_metrics (run_uuid);

CREATE INDEX index_tags_run_uuid ON tags (run_uuid);
