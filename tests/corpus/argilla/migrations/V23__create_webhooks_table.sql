-- alembic-to-sql: Alembic revision 6ed1b8bf8e08 (create webhooks table)
-- revises: 660d6c6b3360
-- from: alembic/versions/6ed1b8bf8e08_create_webhooks_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE webhooks (
    id UUID NOT NULL, 
    url TEXT NOT NULL, 
    secret TEXT NOT NULL, 
    events JSON NOT NULL, 
    enabled BOOLEAN DEFAULT true NOT NULL, 
    description TEXT, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id)
);
