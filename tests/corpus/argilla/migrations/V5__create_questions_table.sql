-- alembic-to-sql: Alembic revision 3a8e2f9b5dea (create questions table)
-- revises: b9099dc08489
-- from: alembic/versions/3a8e2f9b5dea_create_questions_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE questions (
    id UUID NOT NULL, 
    name VARCHAR NOT NULL, 
    title TEXT NOT NULL, 
    description TEXT, 
    required BOOLEAN DEFAULT false NOT NULL, 
    settings JSON NOT NULL, 
    dataset_id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT question_name_dataset_id_uq UNIQUE (name, dataset_id), 
    FOREIGN KEY(dataset_id) REFERENCES datasets (id) ON DELETE CASCADE
);

CREATE INDEX ix_questions_dataset_id ON questions (dataset_id);

CREATE INDEX ix_questions_name ON questions (name);
