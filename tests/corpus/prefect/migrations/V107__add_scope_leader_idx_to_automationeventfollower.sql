-- alembic-to-sql: Alembic revision 1c9bb7f78263 (add scope+leader idx to AutomationEventFollower)
-- revises: 4160a4841eed
-- from: prefect/server/database/_migrations/versions/postgresql/2025_05_04_193249_1c9bb7f78263_add_scope_leader_idx_to_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX ix_ae_follower_scope_leader ON automation_event_follower (scope, leader_event_id);
