-- alembic-to-sql: Alembic revision 7582ea3f3dd5 (Make bundle_name not nullable.)
-- revises: a169942745c2
-- from: migrations/versions/0082_3_1_0_make_bundle_name_not_nullable.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

INSERT INTO dag_bundle (name) VALUES
                    ('example_dags'),
                    ('dags-folder')
                ON CONFLICT (name) DO NOTHING;;

UPDATE dag
                SET bundle_name =
                    CASE
                        WHEN fileloc LIKE '%/airflow/example_dags/%' THEN 'example_dags'
                        ELSE 'dags-folder'
                    END
                WHERE bundle_name IS NULL;

ALTER TABLE dag DROP CONSTRAINT dag_bundle_name_fkey;

ALTER TABLE dag ALTER COLUMN bundle_name SET NOT NULL;

ALTER TABLE dag_bundle ALTER COLUMN name SET NOT NULL;

ALTER TABLE dag ADD CONSTRAINT dag_bundle_name_fkey FOREIGN KEY(bundle_name) REFERENCES dag_bundle (name);
