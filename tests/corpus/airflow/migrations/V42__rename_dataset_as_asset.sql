-- alembic-to-sql: Alembic revision 05234396c6fc (Rename dataset as asset.)
-- revises: 3a8972ecb8f9
-- from: migrations/versions/0041_3_0_0_rename_dataset_as_asset.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind (in _rename_pk_constraint_unknown()): the statements it
--   sends through the connection are here, but whatever its Python decides from what it reads
--   (rows, inspect(), has_table) happens only online; check this file against the revision

ALTER TABLE dataset_alias_dataset DROP CONSTRAINT IF EXISTS dataset_alias_dataset_dataset_id_fkey;

ALTER TABLE dataset_alias_dataset DROP CONSTRAINT IF EXISTS dataset_alias_dataset_alias_id_fkey;

ALTER TABLE dataset_alias_dataset DROP CONSTRAINT IF EXISTS ds_dsa_alias_id;

ALTER TABLE dataset_alias_dataset DROP CONSTRAINT IF EXISTS ds_dsa_dataset_id;

ALTER TABLE dataset_alias_dataset_event DROP CONSTRAINT IF EXISTS dataset_alias_dataset_dataset_id_fkey;

ALTER TABLE dataset_alias_dataset_event DROP CONSTRAINT IF EXISTS dataset_alias_dataset_event_alias_id_fkey;

ALTER TABLE dataset_alias_dataset_event DROP CONSTRAINT IF EXISTS dataset_alias_dataset_event_event_id_fkey;

ALTER TABLE dataset_alias_dataset_event DROP CONSTRAINT IF EXISTS dss_de_alias_id;

ALTER TABLE dataset_alias_dataset_event DROP CONSTRAINT IF EXISTS dss_de_event_id;

ALTER TABLE dag_schedule_dataset_alias_reference DROP CONSTRAINT IF EXISTS dsdar_dag_id_fkey;

ALTER TABLE dag_schedule_dataset_alias_reference DROP CONSTRAINT IF EXISTS dsdar_dataset_alias_fkey;

ALTER TABLE dag_schedule_dataset_reference DROP CONSTRAINT IF EXISTS dsdr_dag_id_fkey;

ALTER TABLE dag_schedule_dataset_reference DROP CONSTRAINT IF EXISTS dsdr_dataset_fkey;

ALTER TABLE task_outlet_dataset_reference DROP CONSTRAINT IF EXISTS todr_dataset_fkey;

ALTER TABLE dataset_dag_run_queue DROP CONSTRAINT IF EXISTS ddrq_dag_fkey;

ALTER TABLE dataset_dag_run_queue DROP CONSTRAINT IF EXISTS ddrq_dataset_fkey;

ALTER TABLE dagrun_dataset_event DROP CONSTRAINT IF EXISTS dagrun_dataset_events_event_id_fkey;

ALTER TABLE dagrun_dataset_event DROP CONSTRAINT IF EXISTS dagrun_dataset_event_event_id_fkey;

ALTER TABLE dagrun_dataset_event DROP CONSTRAINT IF EXISTS dagrun_dataset_events_dag_run_id_fkey;

ALTER TABLE dagrun_dataset_event DROP CONSTRAINT IF EXISTS dagrun_dataset_event_dag_run_id_fkey;

ALTER TABLE dataset_alias_dataset RENAME TO asset_alias_asset;

ALTER TABLE dataset_alias_dataset_event RENAME TO asset_alias_asset_event;

ALTER TABLE dataset_alias RENAME TO asset_alias;

ALTER TABLE dataset RENAME TO asset;

ALTER TABLE dag_schedule_dataset_alias_reference RENAME TO dag_schedule_asset_alias_reference;

ALTER TABLE dag_schedule_dataset_reference RENAME TO dag_schedule_asset_reference;

ALTER TABLE task_outlet_dataset_reference RENAME TO task_outlet_asset_reference;

ALTER TABLE dataset_dag_run_queue RENAME TO asset_dag_run_queue;

ALTER TABLE dagrun_dataset_event RENAME TO dagrun_asset_event;

ALTER TABLE dataset_event RENAME TO asset_event;

ALTER TABLE asset_active DROP CONSTRAINT asset_active_asset_name_uri_fkey;

DROP INDEX idx_dataset_name_uri_unique;

CREATE UNIQUE INDEX idx_asset_name_uri_unique ON asset (name, uri);

ALTER TABLE asset_active ADD CONSTRAINT asset_active_asset_name_uri_fkey FOREIGN KEY(name, uri) REFERENCES asset (name, uri) ON DELETE CASCADE;

ALTER TABLE asset_alias_asset DROP CONSTRAINT IF EXISTS dataset_alias_dataset_pkey;

ALTER TABLE asset_alias_asset DROP CONSTRAINT IF EXISTS asset_alias_asset_pkey;

ALTER TABLE asset_alias_asset ALTER COLUMN dataset_id TYPE INTEGER;

ALTER TABLE asset_alias_asset ALTER COLUMN dataset_id SET NOT NULL;

ALTER TABLE asset_alias_asset RENAME dataset_id TO asset_id;

ALTER TABLE asset_alias_asset ADD CONSTRAINT asset_alias_asset_pkey PRIMARY KEY (alias_id, asset_id);

DROP INDEX idx_dataset_alias_dataset_alias_id;

CREATE INDEX idx_asset_alias_asset_alias_id ON asset_alias_asset (alias_id);

ALTER TABLE asset_alias_asset ADD CONSTRAINT asset_alias_asset_alias_id_fkey FOREIGN KEY(alias_id) REFERENCES asset_alias (id) ON DELETE CASCADE;

DROP INDEX idx_dataset_alias_dataset_alias_dataset_id;

CREATE INDEX idx_asset_alias_asset_asset_id ON asset_alias_asset (asset_id);

ALTER TABLE asset_alias_asset ADD CONSTRAINT asset_alias_asset_asset_id_fkey FOREIGN KEY(asset_id) REFERENCES asset (id) ON DELETE CASCADE;

DROP INDEX idx_dataset_alias_dataset_event_alias_id;

CREATE INDEX idx_asset_alias_asset_event_alias_id ON asset_alias_asset_event (alias_id);

ALTER TABLE asset_alias_asset_event ADD CONSTRAINT asset_alias_asset_event_alias_id_fkey FOREIGN KEY(alias_id) REFERENCES asset_alias (id) ON DELETE CASCADE;

DROP INDEX idx_dataset_alias_dataset_event_event_id;

CREATE INDEX idx_asset_alias_asset_event_event_id ON asset_alias_asset_event (event_id);

ALTER TABLE asset_alias_asset_event ADD CONSTRAINT asset_alias_asset_event_event_id_fkey FOREIGN KEY(event_id) REFERENCES asset_event (id) ON DELETE CASCADE;

ALTER TABLE dag_schedule_asset_alias_reference DROP CONSTRAINT dsdar_pkey;

ALTER TABLE dag_schedule_asset_alias_reference ADD CONSTRAINT dsaar_pkey PRIMARY KEY (alias_id, dag_id);

DROP INDEX idx_dag_schedule_dataset_alias_reference_dag_id;

CREATE INDEX idx_dag_schedule_asset_alias_reference_dag_id ON dag_schedule_asset_alias_reference (dag_id);

ALTER TABLE dag_schedule_asset_alias_reference ADD CONSTRAINT dsaar_asset_alias_fkey FOREIGN KEY(alias_id) REFERENCES asset_alias (id) ON DELETE CASCADE;

ALTER TABLE dag_schedule_asset_alias_reference ADD CONSTRAINT dsaar_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE;

ALTER TABLE dag_schedule_asset_reference ALTER COLUMN dataset_id TYPE INTEGER;

ALTER TABLE dag_schedule_asset_reference ALTER COLUMN dataset_id SET NOT NULL;

ALTER TABLE dag_schedule_asset_reference RENAME dataset_id TO asset_id;

ALTER TABLE dag_schedule_asset_reference DROP CONSTRAINT IF EXISTS dag_schedule_dataset_reference_pkey;

ALTER TABLE dag_schedule_asset_reference DROP CONSTRAINT IF EXISTS dsdr_pkey;

ALTER TABLE dag_schedule_asset_reference ADD CONSTRAINT dsar_pkey PRIMARY KEY (asset_id, dag_id);

DROP INDEX idx_dag_schedule_dataset_reference_dag_id;

CREATE INDEX idx_dag_schedule_asset_reference_dag_id ON dag_schedule_asset_reference (dag_id);

ALTER TABLE dag_schedule_asset_reference ADD CONSTRAINT dsar_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE;

ALTER TABLE dag_schedule_asset_reference ADD CONSTRAINT dsar_asset_fkey FOREIGN KEY(asset_id) REFERENCES asset (id) ON DELETE CASCADE;

ALTER TABLE task_outlet_asset_reference ALTER COLUMN dataset_id TYPE INTEGER;

ALTER TABLE task_outlet_asset_reference ALTER COLUMN dataset_id SET NOT NULL;

ALTER TABLE task_outlet_asset_reference RENAME dataset_id TO asset_id;

ALTER TABLE task_outlet_asset_reference DROP CONSTRAINT todr_dag_id_fkey;

ALTER TABLE task_outlet_asset_reference DROP CONSTRAINT IF EXISTS task_outlet_dataset_reference_pkey;

ALTER TABLE task_outlet_asset_reference DROP CONSTRAINT IF EXISTS todr_pkey;

ALTER TABLE task_outlet_asset_reference ADD CONSTRAINT toar_pkey PRIMARY KEY (asset_id, dag_id, task_id);

DROP INDEX idx_task_outlet_dataset_reference_dag_id;

CREATE INDEX idx_task_outlet_asset_reference_dag_id ON task_outlet_asset_reference (dag_id);

ALTER TABLE task_outlet_asset_reference ADD CONSTRAINT toar_asset_fkey FOREIGN KEY(asset_id) REFERENCES asset (id) ON DELETE CASCADE;

ALTER TABLE task_outlet_asset_reference ADD CONSTRAINT toar_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE;

ALTER TABLE asset_dag_run_queue ALTER COLUMN dataset_id TYPE INTEGER;

ALTER TABLE asset_dag_run_queue ALTER COLUMN dataset_id SET NOT NULL;

ALTER TABLE asset_dag_run_queue RENAME dataset_id TO asset_id;

ALTER TABLE asset_dag_run_queue DROP CONSTRAINT IF EXISTS dataset_dag_run_queue_pkey;

ALTER TABLE asset_dag_run_queue DROP CONSTRAINT IF EXISTS datasetdagrunqueue_pkey;

ALTER TABLE asset_dag_run_queue ADD CONSTRAINT assetdagrunqueue_pkey PRIMARY KEY (asset_id, target_dag_id);

DROP INDEX idx_dataset_dag_run_queue_target_dag_id;

CREATE INDEX idx_asset_dag_run_queue_target_dag_id ON asset_dag_run_queue (target_dag_id);

ALTER TABLE asset_dag_run_queue ADD CONSTRAINT adrq_asset_fkey FOREIGN KEY(asset_id) REFERENCES asset (id) ON DELETE CASCADE;

ALTER TABLE asset_dag_run_queue ADD CONSTRAINT adrq_dag_fkey FOREIGN KEY(target_dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE;

ALTER TABLE dagrun_asset_event DROP CONSTRAINT IF EXISTS dagrun_dataset_events_pkey;

ALTER TABLE dagrun_asset_event DROP CONSTRAINT IF EXISTS dagrun_dataset_event_pkey;

DROP INDEX idx_dagrun_dataset_events_dag_run_id;

CREATE INDEX idx_dagrun_asset_events_dag_run_id ON dagrun_asset_event (dag_run_id);

ALTER TABLE dagrun_asset_event ADD CONSTRAINT dagrun_asset_event_dag_run_id_fkey FOREIGN KEY(dag_run_id) REFERENCES dag_run (id) ON DELETE CASCADE;

DROP INDEX idx_dagrun_dataset_events_event_id;

CREATE INDEX idx_dagrun_asset_events_event_id ON dagrun_asset_event (event_id);

ALTER TABLE dagrun_asset_event ADD CONSTRAINT dagrun_asset_event_event_id_fkey FOREIGN KEY(event_id) REFERENCES asset_event (id) ON DELETE CASCADE;

ALTER TABLE dagrun_asset_event ADD CONSTRAINT dagrun_asset_event_pkey PRIMARY KEY (event_id, dag_run_id);

ALTER TABLE asset_event ALTER COLUMN dataset_id TYPE INTEGER;

ALTER TABLE asset_event ALTER COLUMN dataset_id SET NOT NULL;

ALTER TABLE asset_event RENAME dataset_id TO asset_id;

DROP INDEX idx_dataset_id_timestamp;

CREATE INDEX idx_asset_id_timestamp ON asset_event (asset_id, timestamp);

DROP INDEX idx_dataset_alias_name_unique;

CREATE UNIQUE INDEX idx_asset_alias_name_unique ON asset_alias (name);

ALTER TABLE dag ALTER COLUMN dataset_expression TYPE JSON;

ALTER TABLE dag RENAME dataset_expression TO asset_expression;
