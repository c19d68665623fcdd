-- alembic-to-sql: Alembic revision 1e629a913727 (fix suggestions type enum values)
-- revises: 3fc3c0839959
-- from: alembic/versions/1e629a913727_fix_suggestions_type_enum_values.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

ALTER TYPE suggestion_type_enum ADD VALUE IF NOT EXISTS 'model';;

ALTER TYPE suggestion_type_enum ADD VALUE IF NOT EXISTS 'human';;
