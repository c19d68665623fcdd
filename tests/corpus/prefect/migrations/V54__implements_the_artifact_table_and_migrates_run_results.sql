-- alembic-to-sql: Alembic revision 2882cd2df463 (Implements the artifact table and migrates run results)
-- revises: 9326a6aee18b
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_26_045500_2882cd2df463_implement_artifact_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE artifact (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    key VARCHAR, 
    type VARCHAR, 
    data JSON, 
    metadata_ JSON, 
    task_run_id UUID, 
    task_run_state_id UUID, 
    flow_run_id UUID, 
    flow_run_state_id UUID, 
    CONSTRAINT pk_artifact PRIMARY KEY (id), 
    CONSTRAINT fk_artifact__flow_run_id__flow_run FOREIGN KEY(flow_run_id) REFERENCES flow_run (id), 
    CONSTRAINT fk_artifact__flow_run_state_id__flow_run_state FOREIGN KEY(flow_run_state_id) REFERENCES flow_run_state (id), 
    CONSTRAINT fk_artifact__task_run_id__task_run FOREIGN KEY(task_run_id) REFERENCES task_run (id), 
    CONSTRAINT fk_artifact__task_run_state_id__task_run_state FOREIGN KEY(task_run_state_id) REFERENCES task_run_state (id)
);

CREATE INDEX ix_artifact__flow_run_id ON artifact (flow_run_id);

CREATE INDEX ix_artifact__flow_run_state_id ON artifact (flow_run_state_id);

CREATE UNIQUE INDEX ix_artifact__key ON artifact (key);

CREATE INDEX ix_artifact__task_run_id ON artifact (task_run_id);

CREATE INDEX ix_artifact__task_run_state_id ON artifact (task_run_state_id);

CREATE INDEX ix_artifact__updated ON artifact (updated);

ALTER TABLE flow_run_state ADD COLUMN result_artifact_id UUID;

CREATE INDEX ix_flow_run_state__result_artifact_id ON flow_run_state (result_artifact_id);

ALTER TABLE flow_run_state ADD CONSTRAINT fk_flow_run_state__result_artifact_id__artifact FOREIGN KEY(result_artifact_id) REFERENCES artifact (id) ON DELETE SET NULL;

ALTER TABLE task_run_state ADD COLUMN result_artifact_id UUID;

CREATE INDEX ix_task_run_state__result_artifact_id ON task_run_state (result_artifact_id);

ALTER TABLE task_run_state ADD CONSTRAINT fk_task_run_state__result_artifact_id__artifact FOREIGN KEY(result_artifact_id) REFERENCES artifact (id) ON DELETE SET NULL;
