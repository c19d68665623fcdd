-- alembic-to-sql: Alembic revision fa985d474982 (add-index-to-flow-run-infrastructure_document_id)
-- revises: add97ce1937d
-- from: prefect/server/database/_migrations/versions/postgresql/2022_07_29_181713_fa985d474982_add_index_to_flow_run_infrastructure_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE INDEX CONCURRENTLY ix_flow_run__infrastructure_document_id ON flow_run (infrastructure_document_id);
