-- alembic-to-sql: Alembic revision 7495a5013e7e (Adding scope to followers)
-- revises: 94622c1663e8
-- from: prefect/server/database/_migrations/versions/postgresql/2024_07_15_145240_7495a5013e7e_adding_scope_to_followers.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE automation_event_follower ADD COLUMN scope VARCHAR NOT NULL;

ALTER TABLE automation_event_follower DROP CONSTRAINT uq_automation_event_follower__follower_event_id;

CREATE INDEX ix_automation_event_follower__scope ON automation_event_follower (scope);

CREATE UNIQUE INDEX uq_follower_for_scope ON automation_event_follower (scope, follower_event_id);
