-- alembic-to-sql: Alembic revision 3fc3c0839959 (create suggestions table)
-- revises: 8c574ada5e5f
-- from: alembic/versions/3fc3c0839959_create_suggestions_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TYPE suggestion_type_enum AS ENUM ();

CREATE TABLE suggestions (
    id UUID NOT NULL, 
    value JSON NOT NULL, 
    score FLOAT, 
    agent VARCHAR, 
    type suggestion_type_enum, 
    record_id UUID NOT NULL, 
    question_id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    FOREIGN KEY(question_id) REFERENCES questions (id) ON DELETE CASCADE, 
    FOREIGN KEY(record_id) REFERENCES records (id) ON DELETE CASCADE, 
    CONSTRAINT suggestion_record_id_question_id_uq UNIQUE (record_id, question_id)
);

CREATE INDEX ix_suggestions_question_id ON suggestions (question_id);

CREATE INDEX ix_suggestions_record_id ON suggestions (record_id);

CREATE INDEX ix_suggestions_type ON suggestions (type);
