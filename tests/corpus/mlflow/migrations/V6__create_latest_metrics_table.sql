-- alembic-to-sql: Alembic revision 89d4b8295536 (create latest metrics table)
-- revises: 7ac759974ad8
-- from: mlflow/store/db_migrations/versions/89d4b8295536_create_latest_metrics_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (AttributeError: 'MockConnection' object has no
--   attribute 'close'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   bind = op.get_bind()
--   session = orm.Session(bind=bind)
--   _describe_migration_if_necessary(session)
--   all_latest_metrics = _get_latest_metrics_for_runs(session=session)
--   op.create_table(SqlLatestMetric.__tablename__, Column('key', String(length=250)), Column('value',...
--   session.add_all([SqlLatestMetric(run_uuid=run_uuid, key=key, step=step, timestamp=timestamp, valu...
--   session.commit()
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when mlflow-skinny 3.18.0's own initialization (create_all of InitialBase,
-- then alembic upgrade) ran it online (alembic upgrade 7ac759974ad8:89d4b8295536) on a database
-- built by the revisions before it and holding no rows, less its reads (SELECT) and
-- alembic_version. What its Python does with existing rows (loops, batches until no row
-- changes, rows it reads and writes back) is not here: read the revision before deploying this
-- file to a database with data.

CREATE TABLE latest_metrics (
	key VARCHAR(250) NOT NULL, 
	value FLOAT(53) NOT NULL, 
	timestamp BIGINT, 
	step BIGINT NOT NULL, 
	is_nan BOOLEAN NOT NULL, 
	run_uuid VARCHAR(32) NOT NULL, 
	CONSTRAINT latest_metric_pk PRIMARY KEY (key, run_uuid), 
	FOREIGN KEY(run_uuid) REFERENCES runs (run_uuid)
);
