-- alembic-to-sql: Alembic revision d9d98a9ebb6f (Rename block data table)
-- revises: 679e695af6ba
-- from: prefect/server/database/_migrations/versions/postgresql/2022_02_19_205543_d9d98a9ebb6f_rename_block_data_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE block_data
        RENAME TO block;;
