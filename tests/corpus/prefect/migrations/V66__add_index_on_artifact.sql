-- alembic-to-sql: Alembic revision 46bd82c6279a (Add index on artifact)
-- revises: d20618ce678e
-- from: prefect/server/database/_migrations/versions/postgresql/2023_03_20_185610_46bd82c6279a_add_index_on_artifact.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX 
        IF NOT EXISTS
        ix_artifact__key_created_desc
        ON artifact (key, created DESC)
        INCLUDE (id, updated, type, task_run_id, flow_run_id);
