-- alembic-to-sql: Alembic revision b12d4f98a91e (Drop ``id`` column from ``team`` table and make ``name`` the primary key.)
-- revises: 665854ef0536
-- from: migrations/versions/0096_3_2_0_remove_team_id.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE connection DROP CONSTRAINT connection_team_id_fkey;

ALTER TABLE variable DROP CONSTRAINT variable_team_id_fkey;

ALTER TABLE slot_pool DROP CONSTRAINT slot_pool_team_id_fkey;

ALTER TABLE dag_bundle_team DROP CONSTRAINT dag_bundle_team_team_id_fkey;

DROP INDEX idx_dag_bundle_team_team_id;

ALTER TABLE connection ALTER COLUMN team_id TYPE VARCHAR(50);

ALTER TABLE connection ALTER COLUMN team_id DROP NOT NULL;

ALTER TABLE connection RENAME team_id TO team_name;

ALTER TABLE variable ALTER COLUMN team_id TYPE VARCHAR(50);

ALTER TABLE variable ALTER COLUMN team_id DROP NOT NULL;

ALTER TABLE variable RENAME team_id TO team_name;

ALTER TABLE slot_pool ALTER COLUMN team_id TYPE VARCHAR(50);

ALTER TABLE slot_pool ALTER COLUMN team_id DROP NOT NULL;

ALTER TABLE slot_pool RENAME team_id TO team_name;

ALTER TABLE dag_bundle_team ALTER COLUMN team_id TYPE VARCHAR(50);

ALTER TABLE dag_bundle_team ALTER COLUMN team_id SET NOT NULL;

ALTER TABLE dag_bundle_team RENAME team_id TO team_name;

ALTER TABLE team DROP CONSTRAINT team_pkey;

ALTER TABLE team DROP CONSTRAINT team_name_uq;

ALTER TABLE team DROP COLUMN id;

ALTER TABLE team ADD CONSTRAINT team_pkey PRIMARY KEY (name);

CREATE INDEX idx_dag_bundle_team_team_name ON dag_bundle_team (team_name);

ALTER TABLE dag_bundle_team ADD CONSTRAINT dag_bundle_team_team_name_fkey FOREIGN KEY(team_name) REFERENCES team (name) ON DELETE CASCADE;

ALTER TABLE connection ADD CONSTRAINT connection_team_name_fkey FOREIGN KEY(team_name) REFERENCES team (name) ON DELETE SET NULL;

ALTER TABLE variable ADD CONSTRAINT variable_team_name_fkey FOREIGN KEY(team_name) REFERENCES team (name) ON DELETE SET NULL;

ALTER TABLE slot_pool ADD CONSTRAINT slot_pool_team_name_fkey FOREIGN KEY(team_name) REFERENCES team (name) ON DELETE SET NULL;
