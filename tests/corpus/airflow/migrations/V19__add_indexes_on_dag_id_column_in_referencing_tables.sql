-- alembic-to-sql: Alembic revision 0fd0c178cbe8 (Add indexes on dag_id column in referencing tables.)
-- revises: 686269002441
-- from: migrations/versions/0018_2_10_0_add_indexes_on_dag_id_column_in_referencing_tables.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE INDEX idx_dag_schedule_dataset_reference_dag_id ON dag_schedule_dataset_reference (dag_id);

CREATE INDEX idx_dag_tag_dag_id ON dag_tag (dag_id);

CREATE INDEX idx_dag_warning_dag_id ON dag_warning (dag_id);

CREATE INDEX idx_dataset_dag_run_queue_target_dag_id ON dataset_dag_run_queue (target_dag_id);

CREATE INDEX idx_task_outlet_dataset_reference_dag_id ON task_outlet_dataset_reference (dag_id);
