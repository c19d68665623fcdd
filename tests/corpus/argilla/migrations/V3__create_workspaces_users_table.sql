-- alembic-to-sql: Alembic revision 1769ee58fbb4 (create workspaces_users table)
-- revises: 82a5a88a3fa5
-- from: alembic/versions/1769ee58fbb4_create_workspaces_users_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE workspaces_users (
    id UUID NOT NULL, 
    workspace_id UUID NOT NULL, 
    user_id UUID NOT NULL, 
    inserted_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL, 
    PRIMARY KEY (id), 
    CONSTRAINT workspace_id_user_id_uq UNIQUE (workspace_id, user_id), 
    FOREIGN KEY(workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE, 
    FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_workspaces_users_user_id ON workspaces_users (user_id);

CREATE INDEX ix_workspaces_users_workspace_id ON workspaces_users (workspace_id);
