-- alembic-to-sql: Alembic revision a3c7f2b18d4e (Add tables to store teams and associations with dag bundles.)
-- revises: 7582ea3f3dd5
-- from: migrations/versions/0083_3_1_0_add_teams.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE team (
    id UUID NOT NULL, 
    name VARCHAR(50) NOT NULL, 
    CONSTRAINT team_pkey PRIMARY KEY (id), 
    CONSTRAINT team_name_uq UNIQUE (name)
);

CREATE TABLE dag_bundle_team (
    dag_bundle_name VARCHAR(250) NOT NULL, 
    team_id UUID NOT NULL, 
    CONSTRAINT dag_bundle_team_pkey PRIMARY KEY (dag_bundle_name, team_id), 
    CONSTRAINT dag_bundle_team_dag_bundle_name_fkey FOREIGN KEY(dag_bundle_name) REFERENCES dag_bundle (name) ON DELETE CASCADE, 
    CONSTRAINT dag_bundle_team_team_id_fkey FOREIGN KEY(team_id) REFERENCES team (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX idx_dag_bundle_team_dag_bundle_name ON dag_bundle_team (dag_bundle_name);

CREATE INDEX idx_dag_bundle_team_team_id ON dag_bundle_team (team_id);

ALTER TABLE connection ADD COLUMN team_id UUID;

ALTER TABLE connection ADD CONSTRAINT connection_team_id_fkey FOREIGN KEY(team_id) REFERENCES team (id);

ALTER TABLE variable ADD COLUMN team_id UUID;

ALTER TABLE variable ADD CONSTRAINT variable_team_id_fkey FOREIGN KEY(team_id) REFERENCES team (id);

ALTER TABLE slot_pool ADD COLUMN team_id UUID;

ALTER TABLE slot_pool ADD CONSTRAINT slot_pool_team_id_fkey FOREIGN KEY(team_id) REFERENCES team (id);
