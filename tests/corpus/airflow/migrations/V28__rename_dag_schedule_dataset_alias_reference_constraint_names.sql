-- alembic-to-sql: Alembic revision 5f2621c13b39 (Rename dag_schedule_dataset_alias_reference constraint names.)
-- revises: 22ed7efa9da2
-- from: migrations/versions/0027_2_10_3_fix_dag_schedule_dataset_alias_reference_naming.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_schedule_dataset_alias_reference DROP CONSTRAINT IF EXISTS dsdar_dataset_fkey;

ALTER TABLE dag_schedule_dataset_alias_reference DROP CONSTRAINT IF EXISTS dsdar_dag_fkey;

DO $$
        BEGIN
            IF NOT EXISTS (
                SELECT 1
                FROM information_schema.table_constraints
                WHERE constraint_type = 'FOREIGN KEY'
                  AND constraint_name = 'dsdar_dataset_alias_fkey'
            ) THEN
                ALTER TABLE dag_schedule_dataset_alias_reference
                ADD CONSTRAINT dsdar_dataset_alias_fkey
                FOREIGN KEY (alias_id)
                REFERENCES dataset_alias (id)
                ON DELETE CASCADE;
            END IF;
        END $$;;

DO $$
        BEGIN
            IF NOT EXISTS (
                SELECT 1
                FROM information_schema.table_constraints
                WHERE constraint_type = 'FOREIGN KEY'
                  AND constraint_name = 'dsdar_dag_id_fkey'
            ) THEN
                ALTER TABLE dag_schedule_dataset_alias_reference
                ADD CONSTRAINT dsdar_dag_id_fkey
                FOREIGN KEY (alias_id)
                REFERENCES dataset_alias (id)
                ON DELETE CASCADE;
            END IF;
        END $$;;
