-- alembic-to-sql: Alembic revision e402e9d9245e (create responses table)
-- revises: 8be56284dac0
-- from: alembic/versions/e402e9d9245e_create_responses_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE responses (
    id UUID NOT NULL, 
    values JSON, 
    status VARCHAR NOT NULL, 
    record_id UUID NOT NULL, 
    user_id UUID, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT response_record_id_user_id_uq UNIQUE (record_id, user_id), 
    FOREIGN KEY(record_id) REFERENCES records (id) ON DELETE CASCADE, 
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE SET NULL
);

CREATE INDEX ix_responses_record_id ON responses (record_id);

CREATE INDEX ix_responses_status ON responses (status);

CREATE INDEX ix_responses_user_id ON responses (user_id);
