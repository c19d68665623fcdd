-- alembic-to-sql: Alembic revision add97ce1937d (Update deployments to include more information)
-- revises: 4ff2f2bf81f4
-- from: prefect/server/database/_migrations/versions/postgresql/2022_07_25_233637_add97ce1937d_update_deployments_to_include_more_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN description TEXT;

ALTER TABLE deployment ADD COLUMN manifest_path VARCHAR;

UPDATE deployment SET manifest_path = '';;

UPDATE deployment SET is_schedule_active = False;;

ALTER TABLE deployment ADD COLUMN parameter_openapi_schema JSONB;

ALTER TABLE deployment ADD COLUMN storage_document_id UUID;

ALTER TABLE deployment ADD CONSTRAINT fk_deployment__storage_document_id__block_document FOREIGN KEY(storage_document_id) REFERENCES block_document (id) ON DELETE CASCADE;
