-- alembic-to-sql: Alembic revision 310dda75f561 (add_variables)
-- revises: 43c94d4c7aa3
-- from: prefect/server/database/_migrations/versions/postgresql/2023_04_05_134520_310dda75f561_add_variables.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE variable (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    value VARCHAR NOT NULL, 
    tags JSONB DEFAULT '[]' NOT NULL, 
    CONSTRAINT pk_variable PRIMARY KEY (id), 
    CONSTRAINT uq_variable__name UNIQUE (name)
);

CREATE INDEX ix_variable__updated ON variable (updated);
