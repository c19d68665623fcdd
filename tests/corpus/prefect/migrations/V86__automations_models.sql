-- alembic-to-sql: Alembic revision aeea5ee6f070 (Automations models)
-- revises: 7a653837d9ba
-- from: prefect/server/database/_migrations/versions/postgresql/2024_04_03_112409_aeea5ee6f070_automations_models.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE automation (
    name VARCHAR NOT NULL, 
    description VARCHAR NOT NULL, 
    enabled BOOLEAN DEFAULT '1' NOT NULL, 
    trigger JSONB NOT NULL, 
    actions JSONB NOT NULL, 
    actions_on_trigger JSONB DEFAULT '[]' NOT NULL, 
    actions_on_resolve JSONB DEFAULT '[]' NOT NULL, 
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    CONSTRAINT pk_automation PRIMARY KEY (id)
);

CREATE INDEX ix_automation__updated ON automation (updated);

CREATE TABLE automation_bucket (
    automation_id UUID NOT NULL, 
    trigger_id UUID, 
    bucketing_key JSONB NOT NULL, 
    last_event JSONB, 
    start TIMESTAMP WITH TIME ZONE NOT NULL, 
    "end" TIMESTAMP WITH TIME ZONE NOT NULL, 
    count INTEGER NOT NULL, 
    last_operation VARCHAR, 
    triggered_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    CONSTRAINT pk_automation_bucket PRIMARY KEY (id), 
    CONSTRAINT fk_automation_bucket__automation_id__automation FOREIGN KEY(automation_id) REFERENCES automation (id) ON DELETE CASCADE
);

CREATE INDEX ix_automation_bucket__automation_id__end ON automation_bucket (automation_id, "end");

CREATE INDEX ix_automation_bucket__updated ON automation_bucket (updated);

CREATE UNIQUE INDEX uq_automation_bucket__automation_id__bucketing_key ON automation_bucket (automation_id, bucketing_key);

CREATE TABLE automation_related_resource (
    automation_id UUID NOT NULL, 
    resource_id VARCHAR, 
    automation_owned_by_resource BOOLEAN DEFAULT '0' NOT NULL, 
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    CONSTRAINT pk_automation_related_resource PRIMARY KEY (id), 
    CONSTRAINT fk_automation_related_resource__automation_id__automation FOREIGN KEY(automation_id) REFERENCES automation (id) ON DELETE CASCADE
);

CREATE INDEX ix_automation_related_resource__resource_id ON automation_related_resource (resource_id);

CREATE INDEX ix_automation_related_resource__updated ON automation_related_resource (updated);

CREATE UNIQUE INDEX uq_automation_related_resource__automation_id__resource_id ON automation_related_resource (automation_id, resource_id);

CREATE TABLE composite_trigger_child_firing (
    automation_id UUID NOT NULL, 
    parent_trigger_id UUID NOT NULL, 
    child_trigger_id UUID NOT NULL, 
    child_firing_id UUID NOT NULL, 
    child_fired_at TIMESTAMP WITH TIME ZONE, 
    child_firing JSONB NOT NULL, 
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    CONSTRAINT pk_composite_trigger_child_firing PRIMARY KEY (id), 
    CONSTRAINT fk_composite_trigger_child_firing__automation_id__automation FOREIGN KEY(automation_id) REFERENCES automation (id) ON DELETE CASCADE
);

CREATE INDEX ix_composite_trigger_child_firing__updated ON composite_trigger_child_firing (updated);

CREATE UNIQUE INDEX uq_composite_trigger_child_firing__a_id__pt_id__ct__id ON composite_trigger_child_firing (automation_id, parent_trigger_id, child_trigger_id);
