-- alembic-to-sql: Alembic revision 3ac9e5732b1f (Change the on-delete behaviour of task_instance.dag_version_id foreign key constraint to RESTRICT.)
-- revises: 0242ac120002
-- from: migrations/versions/0072_3_1_0_change_ti_dag_version_fk_to_restrict.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_instance DROP CONSTRAINT task_instance_dag_version_id_fkey;

ALTER TABLE task_instance ADD CONSTRAINT task_instance_dag_version_id_fkey FOREIGN KEY(dag_version_id) REFERENCES dag_version (id) ON DELETE RESTRICT;
