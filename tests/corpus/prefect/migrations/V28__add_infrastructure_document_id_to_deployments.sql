-- alembic-to-sql: Alembic revision 112c68143fc3 (Add infrastructure document id to deployments)
-- revises: e905fd199258
-- from: prefect/server/database/_migrations/versions/postgresql/2022_07_11_170700_112c68143fc3_add_infrastructure_document_id_to_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN infrastructure_document_id UUID;

ALTER TABLE deployment ADD CONSTRAINT fk_deployment__infrastructure_document_id__block_document FOREIGN KEY(infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE;

ALTER TABLE flow_run ADD COLUMN infrastructure_document_id UUID;

ALTER TABLE flow_run ADD CONSTRAINT fk_flow_run__infrastructure_document_id__block_document FOREIGN KEY(infrastructure_document_id) REFERENCES block_document (id) ON DELETE CASCADE;
