-- alembic-to-sql: Alembic revision 8812eb67b63c (Change Deadline interval to JSON.)
-- revises: acc215baed80
-- from: airflow/migrations/versions/0117_3_3_0_change_deadline_interval_to_json.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision
-- upgrade() tests context.is_offline_mode() and, offline, prints instructions for a person
-- (naming JSONB, while online it makes the column JSON) instead of SQL: alembic-to-sql wrote an
-- empty file with exit 0.
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when apache-airflow-core 3.3.2 (alembic -c airflow/alembic.ini) ran it
-- online (alembic upgrade acc215baed80:8812eb67b63c) on a database built by the revisions
-- before it and holding no rows, less its reads (SELECT) and alembic_version. What its Python
-- does with existing rows (loops, batches until no row changes, rows it reads and writes back)
-- is not here: read the revision before deploying this file to a database with data.

ALTER TABLE deadline_alert ALTER COLUMN interval TYPE JSON USING to_json(interval);

UPDATE deadline_alert
            SET interval = json_build_object(
                '__classname__', 'datetime.timedelta',
                '__version__', 2,
                '__data__', (interval::text)::float
            )
            WHERE jsonb_typeof(interval::jsonb) = 'number';
