-- alembic-to-sql: Alembic revision 237f7c674d74 (add status column to records table)
-- revises: 45a12f74448b
-- from: alembic/versions/237f7c674d74_add_status_column_to_records_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

CREATE TYPE record_status_enum AS ENUM ('pending', 'completed');

ALTER TABLE records ADD COLUMN status record_status_enum DEFAULT 'pending' NOT NULL;

CREATE INDEX ix_records_status ON records (status);

UPDATE records
        SET status = 'completed'
        WHERE id IN (
            SELECT DISTINCT record_id
            FROM responses
            WHERE status = 'submitted'
        );;
