-- alembic-to-sql: Alembic revision 1fd565369930 (Add rendered_map_index to TaskInstance.)
-- revises: 88344c1d9134
-- from: migrations/versions/0009_2_9_0_add_rendered_map_index_to_taskinstance.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE task_instance ADD COLUMN rendered_map_index VARCHAR(250);
