-- alembic-to-sql: Alembic revision e7f54680bce3 (Add automation_held_event table)
-- revises: d4a7e1c93f52
-- from: prefect/server/database/_migrations/versions/postgresql/2026_10_19_000000_e7f54680bce3_add_automation_held_event.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE automation_held_event (
    automation_id UUID NOT NULL, 
    trigger_id UUID NOT NULL, 
    bucketing_key JSONB DEFAULT '[]' NOT NULL, 
    event_id UUID NOT NULL, 
    occurred TIMESTAMP WITH TIME ZONE NOT NULL, 
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    CONSTRAINT pk_automation_held_event PRIMARY KEY (id), 
    CONSTRAINT fk_automation_held_event__automation_id__automation FOREIGN KEY(automation_id) REFERENCES automation (id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX uq_automation_held_event__trigger_key_event ON automation_held_event (automation_id, trigger_id, bucketing_key, event_id);

CREATE INDEX ix_automation_held_event__trigger_key_occurred ON automation_held_event (automation_id, trigger_id, bucketing_key, occurred, event_id);

CREATE INDEX ix_automation_held_event__updated ON automation_held_event (updated);
