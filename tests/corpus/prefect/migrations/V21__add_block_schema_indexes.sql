-- alembic-to-sql: Alembic revision d335ad57d5ba (Add block schema indexes)
-- revises: 61c76ee09e02
-- from: prefect/server/database/_migrations/versions/postgresql/2022_06_17_204409_d335ad57d5ba_add_block_schema_indexes.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX ix_block_schema__block_type_id ON block_schema (block_type_id);

CREATE INDEX ix_block_schema__created ON block_schema (created);

DROP INDEX ix_block_schema__checksum;
