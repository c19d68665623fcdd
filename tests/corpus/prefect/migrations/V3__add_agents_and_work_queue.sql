-- alembic-to-sql: Alembic revision 5bff7878e700 (Add agents and work queue)
-- revises: 5f376def75c3
-- from: prefect/server/database/_migrations/versions/postgresql/2022_02_17_140821_5bff7878e700_add_agents_and_work_queue.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE work_queue (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    filter JSONB DEFAULT '{}' NOT NULL, 
    description VARCHAR DEFAULT '' NOT NULL, 
    is_paused BOOLEAN DEFAULT '0' NOT NULL, 
    concurrency_limit INTEGER, 
    CONSTRAINT pk_work_queue PRIMARY KEY (id), 
    CONSTRAINT uq_work_queue__name UNIQUE (name)
);

CREATE INDEX ix_work_queue__updated ON work_queue (updated);

CREATE TABLE agent (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    last_activity_time TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    work_queue_id UUID NOT NULL, 
    CONSTRAINT pk_agent PRIMARY KEY (id), 
    CONSTRAINT fk_agent__work_queue_id__work_queue FOREIGN KEY(work_queue_id) REFERENCES work_queue (id), 
    CONSTRAINT uq_agent__name UNIQUE (name)
);

CREATE INDEX ix_agent__updated ON agent (updated);

CREATE INDEX ix_agent__work_queue_id ON agent (work_queue_id);
