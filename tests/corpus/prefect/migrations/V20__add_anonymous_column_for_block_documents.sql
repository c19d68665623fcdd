-- alembic-to-sql: Alembic revision 61c76ee09e02 (Add anonymous column for block documents)
-- revises: 3a7c41d3b464
-- from: prefect/server/database/_migrations/versions/postgresql/2022_06_13_104234_61c76ee09e02_add_anonymous_column_for_block_documents.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE block_document ADD COLUMN is_anonymous BOOLEAN DEFAULT '0' NOT NULL;

CREATE INDEX ix_block_document__is_anonymous ON block_document (is_anonymous);
