-- alembic-to-sql: Alembic revision 888b59e02a5b (Fix migration file ORM inconsistencies.)
-- revises: 6222ce48e289
-- from: migrations/versions/0108_3_2_0_fix_migration_file_ORM_inconsistencies.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

UPDATE connection SET is_encrypted = FALSE WHERE is_encrypted IS NULL;

UPDATE connection SET is_extra_encrypted = FALSE WHERE is_extra_encrypted IS NULL;

UPDATE dag SET is_paused = FALSE WHERE is_paused IS NULL;

UPDATE slot_pool SET slots = 0 WHERE slots IS NULL;

UPDATE task_instance SET try_number = 0 WHERE try_number IS NULL;

UPDATE task_instance SET max_tries = -1 WHERE max_tries IS NULL;

UPDATE variable SET val = '' WHERE val IS NULL;

UPDATE variable SET is_encrypted = FALSE WHERE is_encrypted IS NULL;

UPDATE variable SET key = '__airflow_var_fix_888b59e02a5b_' || id WHERE key IS NULL;

ALTER TABLE connection ALTER COLUMN is_encrypted SET NOT NULL;

ALTER TABLE connection ALTER COLUMN is_extra_encrypted SET NOT NULL;

ALTER TABLE dag ALTER COLUMN is_paused SET NOT NULL;

ALTER TABLE slot_pool ALTER COLUMN slots SET NOT NULL;

ALTER TABLE task_instance ALTER COLUMN try_number SET NOT NULL;

ALTER TABLE task_instance ALTER COLUMN max_tries SET NOT NULL;

ALTER TABLE variable ALTER COLUMN key SET NOT NULL;

ALTER TABLE variable ALTER COLUMN val SET NOT NULL;

ALTER TABLE variable ALTER COLUMN is_encrypted SET NOT NULL;
