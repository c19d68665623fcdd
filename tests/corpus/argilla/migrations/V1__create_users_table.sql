-- alembic-to-sql: Alembic revision 74694870197c (create users table)
-- revises: base (the first revision)
-- from: alembic/versions/74694870197c_create_users_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE users (
    id UUID NOT NULL, 
    first_name VARCHAR NOT NULL, 
    last_name VARCHAR, 
    username VARCHAR NOT NULL, 
    role VARCHAR NOT NULL, 
    api_key TEXT NOT NULL, 
    password_hash TEXT NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_users_api_key ON users (api_key);

CREATE INDEX ix_users_role ON users (role);

CREATE UNIQUE INDEX ix_users_username ON users (username);
