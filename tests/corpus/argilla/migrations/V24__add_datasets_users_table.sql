-- alembic-to-sql: Alembic revision 580a6553186f (add datasets_users table)
-- revises: 6ed1b8bf8e08
-- from: alembic/versions/580a6553186f_add_datasets_users_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

CREATE TABLE datasets_users (
    dataset_id UUID NOT NULL, 
    user_id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (dataset_id, user_id), 
    FOREIGN KEY(dataset_id) REFERENCES datasets (id) ON DELETE CASCADE, 
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_datasets_users_dataset_id ON datasets_users (dataset_id);

CREATE INDEX ix_datasets_users_user_id ON datasets_users (user_id);

INSERT INTO datasets_users (dataset_id, user_id, inserted_at, updated_at)
        SELECT dataset_id, user_id, NOW(), NOW() FROM (
            SELECT DISTINCT records.dataset_id AS dataset_id, responses.user_id as user_id
            FROM responses
            JOIN records ON records.id = responses.record_id
        ) AS subquery;
