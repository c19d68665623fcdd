-- alembic-to-sql: Alembic revision 55297ae24532 (Add required fields to enable UI integrations for the Deadline Alerts feature.)
-- revises: e79fc784f145
-- from: migrations/versions/0101_3_2_0_ui_improvements_for_deadlines.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() tests context.is_offline_mode(): what it does offline is not what it does
--   online, so the SQL offline mode prints is not the revision: the file stops any deploy that
--   runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   op.create_table('deadline_alert', sa.Column('id', sa.Uuid(), default=uuid6.uuid7), sa.Column('cre...
--   conn = op.get_bind()
--   dialect_name = conn.dialect.name
--   if dialect_name == 'sqlite':
--     conn.execute(sa.text('PRAGMA foreign_keys=OFF'))
--   with op.batch_alter_table('deadline', schema=None) as batch_op:
--     batch_op.add_column(sa.Column('deadline_alert_id', sa.Uuid(), nullable=True))
--     batch_op.add_column(sa.Column('created_at', UtcDateTime, nullable=True))
--     batch_op.add_column(sa.Column('last_updated_at', UtcDateTime, nullable=True))
--     batch_op.create_foreign_key(batch_op.f('deadline_deadline_alert_id_fkey'), 'deadline_alert', ['de...
--   now = timezone.utcnow()
--   conn.execute(sa.text('\n UPDATE deadline\n SET created_at = :now, last_updated_at = :now\n WHERE ...
--   with op.batch_alter_table('deadline', schema=None) as batch_op:
--     batch_op.alter_column('created_at', existing_type=UtcDateTime, nullable=False)
--     batch_op.alter_column('last_updated_at', existing_type=UtcDateTime, nullable=False)
--   with op.batch_alter_table('deadline_alert', schema=None) as batch_op:
--     batch_op.create_foreign_key(batch_op.f('deadline_alert_serialized_dag_id_fkey'), 'serialized_dag'...
--   if dialect_name == 'sqlite':
--     conn.execute(sa.text('PRAGMA foreign_keys=ON'))
--   migrate_existing_deadline_alert_data_from_serialized_dag()
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when apache-airflow-core 3.3.2 (alembic -c airflow/alembic.ini) ran it
-- online (alembic upgrade e79fc784f145:55297ae24532) on a database built by the revisions
-- before it and holding no rows, less its reads (SELECT) and alembic_version. What its Python
-- does with existing rows (loops, batches until no row changes, rows it reads and writes back)
-- is not here: read the revision before deploying this file to a database with data.
-- The capture held the time it ran where upgrade() passes timezone.utcnow(), computed in
-- Python when it runs: written now() here, the deploy's own time (on rows, the data check
-- reports the column as differing, as any two runs' times differ).

CREATE TABLE deadline_alert (
	id UUID NOT NULL, 
	created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
	serialized_dag_id UUID NOT NULL, 
	name VARCHAR(250), 
	description TEXT, 
	reference JSON NOT NULL, 
	interval FLOAT NOT NULL, 
	callback_def JSON NOT NULL, 
	CONSTRAINT deadline_alert_pkey PRIMARY KEY (id)
);

ALTER TABLE deadline ADD COLUMN deadline_alert_id UUID;

ALTER TABLE deadline ADD COLUMN created_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE deadline ADD COLUMN last_updated_at TIMESTAMP WITH TIME ZONE;

ALTER TABLE deadline ADD CONSTRAINT deadline_deadline_alert_id_fkey FOREIGN KEY(deadline_alert_id) REFERENCES deadline_alert (id) ON DELETE SET NULL;

UPDATE deadline
            SET created_at = now(), last_updated_at = now()
            WHERE created_at IS NULL OR last_updated_at IS NULL;

ALTER TABLE deadline ALTER COLUMN created_at SET NOT NULL;

ALTER TABLE deadline ALTER COLUMN last_updated_at SET NOT NULL;

ALTER TABLE deadline_alert ADD CONSTRAINT deadline_alert_serialized_dag_id_fkey FOREIGN KEY(serialized_dag_id) REFERENCES serialized_dag (id) ON DELETE CASCADE;

CREATE INDEX tmp_deadline_dagrun_id_idx ON deadline (dagrun_id);

DROP INDEX tmp_deadline_dagrun_id_idx;
