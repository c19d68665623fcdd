-- alembic-to-sql: Alembic revision b8458008b60e (add allow_extra_metadata column to datasets table)
-- revises: 7cbcccf8b57a
-- from: alembic/versions/b8458008b60e_add_allow_extra_metadata_column_to_datasets_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE datasets ADD COLUMN allow_extra_metadata BOOLEAN DEFAULT true NOT NULL;
