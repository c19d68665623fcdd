-- alembic-to-sql: Alembic revision d481d5058a19 (Rename Worker Pools to Work Pools)
-- revises: f7587d6c5776
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_08_180142_d481d5058a19_rename_worker_pools_to_work_pools.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment DROP COLUMN worker_pool_queue_id;

ALTER TABLE flow_run DROP COLUMN worker_pool_queue_id;

ALTER TABLE worker_pool DROP CONSTRAINT fk_worker_pool__default_queue_id__worker_pool_queue;

DROP TABLE worker_pool_queue;

DROP TABLE worker;

DROP TABLE worker_pool;

CREATE TABLE work_pool (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    description VARCHAR, 
    type VARCHAR, 
    base_job_template JSONB DEFAULT '{}' NOT NULL, 
    is_paused BOOLEAN DEFAULT '0' NOT NULL, 
    concurrency_limit INTEGER, 
    default_queue_id UUID, 
    CONSTRAINT pk_work_pool PRIMARY KEY (id), 
    CONSTRAINT uq_work_pool__name UNIQUE (name)
);

CREATE INDEX ix_work_pool__updated ON work_pool (updated);

CREATE INDEX ix_work_pool__type ON work_pool (type);

CREATE TABLE worker (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    last_heartbeat_time TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    work_pool_id UUID NOT NULL, 
    CONSTRAINT pk_worker PRIMARY KEY (id), 
    CONSTRAINT fk_worker__work_pool_id__work_pool FOREIGN KEY(work_pool_id) REFERENCES work_pool (id) ON DELETE cascade, 
    CONSTRAINT uq_worker__work_pool_id_name UNIQUE (work_pool_id, name)
);

CREATE INDEX ix_worker__updated ON worker (updated);

CREATE INDEX ix_worker__work_pool_id ON worker (work_pool_id);

CREATE INDEX ix_worker__work_pool_id_last_heartbeat_time ON worker (work_pool_id, last_heartbeat_time);

CREATE TABLE work_pool_queue (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    name VARCHAR NOT NULL, 
    description VARCHAR, 
    is_paused BOOLEAN DEFAULT '0' NOT NULL, 
    concurrency_limit INTEGER, 
    priority INTEGER NOT NULL, 
    work_pool_id UUID NOT NULL, 
    CONSTRAINT pk_work_pool_queue PRIMARY KEY (id), 
    CONSTRAINT fk_work_pool_queue__work_pool_id__work_pool FOREIGN KEY(work_pool_id) REFERENCES work_pool (id) ON DELETE cascade, 
    CONSTRAINT uq_work_pool_queue__work_pool_id_name UNIQUE (work_pool_id, name)
);

CREATE INDEX ix_work_pool_queue__updated ON work_pool_queue (updated);

CREATE INDEX ix_work_pool_queue__work_pool_id_priority ON work_pool_queue (work_pool_id, priority);

CREATE INDEX ix_work_pool_queue__work_pool_id ON work_pool_queue (work_pool_id);

ALTER TABLE work_pool ADD CONSTRAINT fk_work_pool__default_queue_id__work_pool_queue FOREIGN KEY(default_queue_id) REFERENCES work_pool_queue (id) ON DELETE RESTRICT;

ALTER TABLE deployment ADD COLUMN work_pool_queue_id UUID;

CREATE INDEX ix_deployment__work_pool_queue_id ON deployment (work_pool_queue_id);

ALTER TABLE deployment ADD CONSTRAINT fk_deployment__work_pool_queue_id__work_pool_queue FOREIGN KEY(work_pool_queue_id) REFERENCES work_pool_queue (id) ON DELETE SET NULL;

ALTER TABLE flow_run ADD COLUMN work_pool_queue_id UUID;

CREATE INDEX ix_flow_run__work_pool_queue_id ON flow_run (work_pool_queue_id);

ALTER TABLE flow_run ADD CONSTRAINT fk_flow_run__work_pool_queue_id__work_pool_queue FOREIGN KEY(work_pool_queue_id) REFERENCES work_pool_queue (id) ON DELETE SET NULL;
