-- alembic-to-sql: Alembic revision 0a1250a5aa25 (Expand work queue table)
-- revises: 2882cd2df466
-- from: prefect/server/database/_migrations/versions/postgresql/2023_01_26_152801_0a1250a5aa25_expand_work_queue_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE work_pool DROP CONSTRAINT fk_work_pool__default_queue_id__work_pool_queue;

DROP INDEX ix_deployment__work_pool_queue_id;

ALTER TABLE deployment DROP COLUMN work_pool_queue_id;

DROP INDEX ix_flow_run__work_pool_queue_id;

ALTER TABLE flow_run DROP COLUMN work_pool_queue_id;

ALTER TABLE work_queue ADD COLUMN priority INTEGER DEFAULT '1' NOT NULL;

ALTER TABLE work_queue ADD COLUMN work_pool_id UUID;

ALTER TABLE flow_run ADD COLUMN work_queue_id UUID;

CREATE INDEX ix_flow_run__work_queue_id ON flow_run (work_queue_id);

ALTER TABLE flow_run ADD CONSTRAINT fk_flow_run__work_queue_id__work_queue FOREIGN KEY(work_queue_id) REFERENCES work_queue (id) ON DELETE SET NULL;

ALTER TABLE deployment ADD COLUMN work_queue_id UUID;

CREATE INDEX ix_deployment__work_queue_id ON deployment (work_queue_id);

ALTER TABLE deployment ADD CONSTRAINT fk_deployment__work_queue_id__work_queue FOREIGN KEY(work_queue_id) REFERENCES work_queue (id) ON DELETE SET NULL;

ALTER TABLE work_pool ADD CONSTRAINT fk_work_pool__default_queue_id__work_queue FOREIGN KEY(default_queue_id) REFERENCES work_queue (id) ON DELETE RESTRICT;

ALTER TABLE work_pool ALTER COLUMN type SET NOT NULL;

ALTER TABLE work_queue ADD CONSTRAINT fk_work_queue__work_pool_id__work_pool FOREIGN KEY(work_pool_id) REFERENCES work_pool (id) ON DELETE cascade;

CREATE INDEX ix_work_queue__work_pool_id ON work_queue (work_pool_id);

CREATE INDEX ix_work_queue__work_pool_id_priority ON work_queue (work_pool_id, priority);
