-- alembic-to-sql: Alembic revision 25f4b90a7a42 (initial migration)
-- revises: base (the first revision)
-- from: prefect/server/database/_migrations/versions/postgresql/2021_01_20_122127_25f4b90a7a42_initial_migration.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE flow (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    tags JSONB DEFAULT '[]' NOT NULL, 
    CONSTRAINT pk_flow PRIMARY KEY (id), 
    CONSTRAINT uq_flow__name UNIQUE (name)
);

CREATE INDEX ix_flow__updated ON flow (updated);

CREATE TABLE log (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    level SMALLINT NOT NULL, 
    flow_run_id UUID NOT NULL, 
    task_run_id UUID, 
    message TEXT NOT NULL, 
    timestamp TIMESTAMP WITH TIME ZONE NOT NULL, 
    CONSTRAINT pk_log PRIMARY KEY (id)
);

CREATE INDEX ix_log__flow_run_id ON log (flow_run_id);

CREATE INDEX ix_log__level ON log (level);

CREATE INDEX ix_log__task_run_id ON log (task_run_id);

CREATE INDEX ix_log__timestamp ON log (timestamp);

CREATE INDEX ix_log__updated ON log (updated);

CREATE TABLE concurrency_limit (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    tag VARCHAR NOT NULL, 
    concurrency_limit INTEGER NOT NULL, 
    active_slots JSONB DEFAULT '[]' NOT NULL, 
    CONSTRAINT pk_concurrency_limit PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_concurrency_limit__tag ON concurrency_limit (tag);

CREATE INDEX ix_concurrency_limit__updated ON concurrency_limit (updated);

CREATE TABLE saved_search (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    filters JSONB DEFAULT '[]' NOT NULL, 
    CONSTRAINT pk_saved_search PRIMARY KEY (id), 
    CONSTRAINT uq_saved_search__name UNIQUE (name)
);

CREATE INDEX ix_saved_search__updated ON saved_search (updated);

CREATE TABLE task_run_state_cache (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    cache_key VARCHAR NOT NULL, 
    cache_expiration TIMESTAMP WITH TIME ZONE, 
    task_run_state_id UUID NOT NULL, 
    CONSTRAINT pk_task_run_state_cache PRIMARY KEY (id)
);

CREATE INDEX ix_task_run_state_cache__updated ON task_run_state_cache (updated);

CREATE TABLE deployment (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    schedule JSONB, 
    is_schedule_active BOOLEAN DEFAULT '1' NOT NULL, 
    tags JSONB DEFAULT '[]' NOT NULL, 
    parameters JSONB DEFAULT '{}' NOT NULL, 
    flow_data JSONB, 
    flow_runner_type VARCHAR, 
    flow_runner_config JSONB, 
    flow_id UUID NOT NULL, 
    CONSTRAINT pk_deployment PRIMARY KEY (id), 
    CONSTRAINT fk_deployment__flow_id__flow FOREIGN KEY(flow_id) REFERENCES flow (id) ON DELETE CASCADE
);

CREATE INDEX ix_deployment__flow_id ON deployment (flow_id);

CREATE INDEX ix_deployment__updated ON deployment (updated);

CREATE UNIQUE INDEX uq_deployment__flow_id_name ON deployment (flow_id, name);

CREATE TYPE state_type AS ENUM ('SCHEDULED', 'PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

CREATE TABLE flow_run (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    state_type state_type, 
    run_count INTEGER DEFAULT '0' NOT NULL, 
    expected_start_time TIMESTAMP WITH TIME ZONE, 
    next_scheduled_start_time TIMESTAMP WITH TIME ZONE, 
    start_time TIMESTAMP WITH TIME ZONE, 
    end_time TIMESTAMP WITH TIME ZONE, 
    total_run_time INTERVAL DEFAULT '0' NOT NULL, 
    flow_version VARCHAR, 
    parameters JSONB DEFAULT '{}' NOT NULL, 
    idempotency_key VARCHAR, 
    context JSONB DEFAULT '{}' NOT NULL, 
    empirical_policy JSONB DEFAULT '{}' NOT NULL, 
    tags JSONB DEFAULT '[]' NOT NULL, 
    flow_runner_type VARCHAR, 
    flow_runner_config JSONB, 
    empirical_config JSONB DEFAULT '{}' NOT NULL, 
    auto_scheduled BOOLEAN DEFAULT '0' NOT NULL, 
    flow_id UUID NOT NULL, 
    deployment_id UUID, 
    parent_task_run_id UUID, 
    state_id UUID, 
    CONSTRAINT pk_flow_run PRIMARY KEY (id), 
    CONSTRAINT fk_flow_run__deployment_id__deployment FOREIGN KEY(deployment_id) REFERENCES deployment (id) ON DELETE set null, 
    CONSTRAINT fk_flow_run__flow_id__flow FOREIGN KEY(flow_id) REFERENCES flow (id) ON DELETE cascade
);

CREATE INDEX ix_flow_run__deployment_id ON flow_run (deployment_id);

CREATE INDEX ix_flow_run__flow_id ON flow_run (flow_id);

CREATE INDEX ix_flow_run__flow_version ON flow_run (flow_version);

CREATE INDEX ix_flow_run__name ON flow_run (name);

CREATE INDEX ix_flow_run__parent_task_run_id ON flow_run (parent_task_run_id);

CREATE INDEX ix_flow_run__start_time ON flow_run (start_time);

CREATE INDEX ix_flow_run__state_id ON flow_run (state_id);

CREATE INDEX ix_flow_run__state_type ON flow_run (state_type);

CREATE INDEX ix_flow_run__updated ON flow_run (updated);

CREATE UNIQUE INDEX uq_flow_run__flow_id_idempotency_key ON flow_run (flow_id, idempotency_key);

CREATE TABLE flow_run_state (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    type state_type NOT NULL, 
    timestamp TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    message VARCHAR, 
    state_details JSONB DEFAULT '{}' NOT NULL, 
    data JSONB, 
    flow_run_id UUID NOT NULL, 
    CONSTRAINT pk_flow_run_state PRIMARY KEY (id), 
    CONSTRAINT fk_flow_run_state__flow_run_id__flow_run FOREIGN KEY(flow_run_id) REFERENCES flow_run (id) ON DELETE cascade
);

CREATE INDEX ix_flow_run_state__name ON flow_run_state (name);

CREATE INDEX ix_flow_run_state__type ON flow_run_state (type);

CREATE INDEX ix_flow_run_state__updated ON flow_run_state (updated);

CREATE TABLE task_run (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    state_type state_type, 
    run_count INTEGER DEFAULT '0' NOT NULL, 
    expected_start_time TIMESTAMP WITH TIME ZONE, 
    next_scheduled_start_time TIMESTAMP WITH TIME ZONE, 
    start_time TIMESTAMP WITH TIME ZONE, 
    end_time TIMESTAMP WITH TIME ZONE, 
    total_run_time INTERVAL DEFAULT '0' NOT NULL, 
    task_key VARCHAR NOT NULL, 
    dynamic_key VARCHAR NOT NULL, 
    cache_key VARCHAR, 
    cache_expiration TIMESTAMP WITH TIME ZONE, 
    task_version VARCHAR, 
    empirical_policy JSONB DEFAULT '{}' NOT NULL, 
    task_inputs JSONB DEFAULT '{}' NOT NULL, 
    tags JSONB DEFAULT '[]' NOT NULL, 
    flow_run_id UUID NOT NULL, 
    state_id UUID, 
    CONSTRAINT pk_task_run PRIMARY KEY (id), 
    CONSTRAINT fk_task_run__flow_run_id__flow_run FOREIGN KEY(flow_run_id) REFERENCES flow_run (id) ON DELETE cascade
);

CREATE INDEX ix_task_run__flow_run_id ON task_run (flow_run_id);

CREATE INDEX ix_task_run__name ON task_run (name);

CREATE INDEX ix_task_run__start_time ON task_run (start_time);

CREATE INDEX ix_task_run__state_id ON task_run (state_id);

CREATE INDEX ix_task_run__state_type ON task_run (state_type);

CREATE INDEX ix_task_run__updated ON task_run (updated);

CREATE UNIQUE INDEX uq_task_run__flow_run_id_task_key_dynamic_key ON task_run (flow_run_id, task_key, dynamic_key);

CREATE TABLE task_run_state (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    type state_type NOT NULL, 
    timestamp TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    message VARCHAR, 
    state_details JSONB DEFAULT '{}' NOT NULL, 
    data JSONB, 
    task_run_id UUID NOT NULL, 
    CONSTRAINT pk_task_run_state PRIMARY KEY (id), 
    CONSTRAINT fk_task_run_state__task_run_id__task_run FOREIGN KEY(task_run_id) REFERENCES task_run (id) ON DELETE cascade
);

CREATE INDEX ix_task_run_state__name ON task_run_state (name);

CREATE INDEX ix_task_run_state__type ON task_run_state (type);

CREATE INDEX ix_task_run_state__updated ON task_run_state (updated);

ALTER TABLE flow_run ADD CONSTRAINT fk_flow_run__parent_task_run_id__task_run FOREIGN KEY(parent_task_run_id) REFERENCES task_run (id) ON DELETE SET NULL;

ALTER TABLE flow_run ADD CONSTRAINT fk_flow_run__state_id__flow_run_state FOREIGN KEY(state_id) REFERENCES flow_run_state (id) ON DELETE SET NULL;

ALTER TABLE task_run ADD CONSTRAINT fk_task_run__state_id__task_run_state FOREIGN KEY(state_id) REFERENCES task_run_state (id) ON DELETE SET NULL;

CREATE INDEX ix_flow_run__end_time_desc ON flow_run (end_time DESC);

CREATE INDEX ix_flow_run__expected_start_time_desc ON flow_run (expected_start_time DESC);

CREATE INDEX ix_flow_run__next_scheduled_start_time_asc ON flow_run (next_scheduled_start_time ASC);

CREATE UNIQUE INDEX uq_flow_run_state__flow_run_id_timestamp_desc ON flow_run_state (flow_run_id, timestamp DESC);

CREATE INDEX ix_task_run__expected_start_time_desc ON task_run (expected_start_time DESC);

CREATE INDEX ix_task_run__next_scheduled_start_time_asc ON task_run (next_scheduled_start_time ASC);

CREATE INDEX ix_task_run__end_time_desc ON task_run (end_time DESC);

CREATE UNIQUE INDEX uq_task_run_state__task_run_id_timestamp_desc ON task_run_state (task_run_id, timestamp DESC);

CREATE INDEX ix_task_run_state_cache__cache_key_created_desc ON task_run_state_cache (cache_key, created DESC);
