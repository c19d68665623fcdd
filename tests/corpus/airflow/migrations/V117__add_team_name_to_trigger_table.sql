-- alembic-to-sql: Alembic revision acc215baed80 (Add team_name to trigger table.)
-- revises: a1b2c3d4e5f6
-- from: migrations/versions/0116_3_3_0_add_team_name_to_trigger_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE trigger ADD COLUMN team_name VARCHAR(50);

CREATE INDEX idx_trigger_team_name ON trigger (team_name);

ALTER TABLE trigger ADD CONSTRAINT trigger_team_name_fkey FOREIGN KEY(team_name) REFERENCES team (name) ON DELETE SET NULL;
