-- alembic-to-sql: Alembic revision bff083ad727d (Remove ``idx_last_scheduling_decision`` index on last_scheduling_decision in dag_run table.)
-- revises: 1949afb29106
-- from: migrations/versions/0016_2_9_2_remove_idx_last_scheduling_decision_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX idx_last_scheduling_decision;
