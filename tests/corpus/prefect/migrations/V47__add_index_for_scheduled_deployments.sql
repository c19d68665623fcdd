-- alembic-to-sql: Alembic revision 54c1876c68ae (Add index for scheduled deployments)
-- revises: 41e5ed9e1034
-- from: prefect/server/database/_migrations/versions/postgresql/2022_11_05_180555_54c1876c68ae_add_index_for_scheduled_deployments.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE INDEX CONCURRENTLY ix_flow_run__scheduler_deployment_id_auto_scheduled_next_scheduled_start_time 
            ON flow_run (deployment_id, auto_scheduled, next_scheduled_start_time) 
            WHERE state_type = 'SCHEDULED';;
