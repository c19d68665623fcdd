-- alembic-to-sql: Alembic revision 53ff648b8a26 (Add revoked_token table.)
-- revises: a5a3e5eb9b8d
-- from: migrations/versions/0103_3_2_0_add_revoked_token_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE revoked_token (
    jti VARCHAR(32) NOT NULL, 
    exp TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT revoked_token_pkey PRIMARY KEY (jti)
);

CREATE INDEX idx_revoked_token_exp ON revoked_token (exp);
