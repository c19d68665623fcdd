-- alembic-to-sql: Alembic revision 916718e8330f (Automation event follower)
-- revises: bd6efa529f03
-- from: prefect/server/database/_migrations/versions/postgresql/2024_04_09_125658_916718e8330f_automation_event_follower.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE automation_event_follower (
    leader_event_id UUID NOT NULL, 
    follower_event_id UUID NOT NULL, 
    received TIMESTAMP WITH TIME ZONE NOT NULL, 
    follower JSONB NOT NULL, 
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    CONSTRAINT pk_automation_event_follower PRIMARY KEY (id), 
    CONSTRAINT uq_automation_event_follower__follower_event_id UNIQUE (follower_event_id)
);

CREATE INDEX ix_automation_event_follower__leader_event_id ON automation_event_follower (leader_event_id);

CREATE INDEX ix_automation_event_follower__received ON automation_event_follower (received);

CREATE INDEX ix_automation_event_follower__updated ON automation_event_follower (updated);
