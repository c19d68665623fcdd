-- alembic-to-sql: Alembic revision 3a7c41d3b464 (Adds description and code example to block type)
-- revises: 77ebcc9cf355
-- from: prefect/server/database/_migrations/versions/postgresql/2022_06_08_121753_3a7c41d3b464_adds_description_and_code_example_to_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE block_type ADD COLUMN description VARCHAR;

ALTER TABLE block_type ADD COLUMN code_example VARCHAR;
