-- alembic-to-sql: Alembic revision 77ebcc9cf355 (Add indexes for partial name matches)
-- revises: cdcb4018dd0e
-- from: prefect/server/database/_migrations/versions/postgresql/2022_06_04_133535_d60c18774a5d_add_indexes_for_partial_name_matches.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE EXTENSION IF NOT EXISTS pg_trgm;;

CREATE INDEX CONCURRENTLY 
            trgm_ix_flow_name 
            ON flow USING gin (name gin_trgm_ops);;

CREATE INDEX CONCURRENTLY 
            trgm_ix_flow_run_name 
            ON flow_run USING gin (name gin_trgm_ops);;

CREATE INDEX CONCURRENTLY 
            trgm_ix_task_run_name 
            ON task_run USING gin (name gin_trgm_ops);;

CREATE INDEX CONCURRENTLY 
            trgm_ix_deployment_name 
            ON deployment USING gin (name gin_trgm_ops);;
