-- alembic-to-sql: Alembic revision 7218aad17905 (Add CHECK constraint preventing block_document_reference self-references)
-- revises: 09a9e091e578
-- from: prefect/server/database/_migrations/versions/postgresql/2026_05_05_000000_7218aad17905_add_block_document_reference_self_check.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DELETE FROM block_document_reference
        WHERE parent_block_document_id = reference_block_document_id;

ALTER TABLE block_document_reference ADD CONSTRAINT ck_block_document_reference__ck_block_document_referenc_824f CHECK (parent_block_document_id != reference_block_document_id);
