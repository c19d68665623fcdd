-- alembic-to-sql: Alembic revision f4a9b2c7d1e6 (make MCP server versions case-sensitive)
-- revises: 8b6ad64cb8f5
-- from: mlflow/store/db_migrations/versions/f4a9b2c7d1e6_make_mcp_versions_case_sensitive.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls first (in _check_version_references()), get_bind: the statements it
--   sends through the connection are here, but whatever its Python decides from what it reads
--   (rows, inspect(), has_table) happens only online; check this file against the revision

