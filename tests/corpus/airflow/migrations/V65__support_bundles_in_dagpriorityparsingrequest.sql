-- alembic-to-sql: Alembic revision be2cc2f742cf (Support bundles in DagPriorityParsingRequest.)
-- revises: d469d27e2a64
-- from: migrations/versions/0064_3_0_0_support_bundles_in_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DELETE FROM dag_priority_parsing_request;

ALTER TABLE dag_priority_parsing_request ADD COLUMN bundle_name VARCHAR(250) NOT NULL;

ALTER TABLE dag_priority_parsing_request ADD COLUMN relative_fileloc VARCHAR(2000) NOT NULL;

ALTER TABLE dag_priority_parsing_request DROP COLUMN fileloc;
