-- alembic-to-sql: Alembic revision 82a5a88a3fa5 (create workspaces table)
-- revises: 74694870197c
-- from: alembic/versions/82a5a88a3fa5_create_workspaces_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE workspaces (
    id UUID NOT NULL, 
    name VARCHAR NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_workspaces_name ON workspaces (name);
