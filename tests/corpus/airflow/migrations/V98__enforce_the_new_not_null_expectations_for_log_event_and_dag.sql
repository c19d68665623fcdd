-- alembic-to-sql: Alembic revision edc4f85a4619 (Enforce the new ``NOT NULL`` expectations for ``log.event`` and ``dag.is_stale``.)
-- revises: b12d4f98a91e
-- from: migrations/versions/0097_3_2_0_enforce_log_event_and_dag_is_stale_not_null.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

UPDATE log SET event = '' WHERE event IS NULL;

UPDATE dag SET is_stale = false WHERE is_stale IS NULL;

ALTER TABLE log ALTER COLUMN event SET NOT NULL;

ALTER TABLE dag ALTER COLUMN is_stale SET NOT NULL;
