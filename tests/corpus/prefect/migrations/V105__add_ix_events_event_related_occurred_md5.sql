-- alembic-to-sql: Alembic revision 7a73514ca2d6 (Add ix_events__event_related_occurred_md5)
-- revises: 06b7c293bc69
-- from: prefect/server/database/_migrations/versions/postgresql/2025_04_04_092158_7a73514ca2d6_add_ix_events__event_related_occurred_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DROP INDEX ix_events__event_related_occurred;

DROP INDEX ix_events__related_resource_ids;

CREATE INDEX ix_events__related_gin ON events USING gin (related);

CREATE INDEX ix_events__event_occurred ON events (event, occurred);

CREATE INDEX ix_events__related_resource_ids_gin ON events USING gin (related_resource_ids);
