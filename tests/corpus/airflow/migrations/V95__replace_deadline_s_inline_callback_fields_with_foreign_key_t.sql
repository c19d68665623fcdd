-- alembic-to-sql: Alembic revision e812941398f4 (Replace deadline's inline callback fields with foreign key to callback table.)
-- revises: b87d2135fa50
-- from: migrations/versions/0094_3_2_0_replace_deadline_inline_callback_with_fkey.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() tests context.is_offline_mode(): what it does offline is not what it does
--   online, so the SQL offline mode prints is not the revision: the file stops any deploy that
--   runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   with op.batch_alter_table('deadline') as batch_op:
--     batch_op.add_column(sa.Column('missed', sa.Boolean(), nullable=True))
--     batch_op.add_column(sa.Column('callback_id', sa.Uuid(), nullable=True))
--   if context.is_offline_mode():
--     print(dedent('\n ------------\n -- WARNING: Unable to migrate the data in the deadline table whil...
--     op.execute('DELETE FROM deadline')
--   else:
--     conn = op.get_bind()
--     batch_size = conf.getint('database', 'migration_batch_size')
--     if conn.dialect.name == 'postgresql':
--       _upgrade_postgresql(conn, batch_size)
--     else:
--       _upgrade_mysql_sqlite(conn, batch_size)
--   with op.batch_alter_table('deadline') as batch_op:
--     batch_op.alter_column('missed', existing_type=sa.Boolean(), nullable=False)
--     batch_op.alter_column('callback_id', existing_type=sa.Uuid(), nullable=False)
--     batch_op.create_index('deadline_missed_deadline_time_idx', ['missed', 'deadline_time'], unique=Fa...
--     batch_op.create_index('deadline_callback_id_idx', ['callback_id'], unique=False)
--     batch_op.drop_index(batch_op.f('deadline_callback_state_time_idx'))
--     batch_op.create_foreign_key(batch_op.f('deadline_callback_id_fkey'), 'callback', ['callback_id'],...
--     batch_op.drop_constraint(batch_op.f('deadline_trigger_id_fkey'), type_='foreignkey')
--     batch_op.drop_column('callback')
--     batch_op.drop_column('trigger_id')
--     batch_op.drop_column('callback_state')
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when apache-airflow-core 3.3.2 (alembic -c airflow/alembic.ini) ran it
-- online (alembic upgrade b87d2135fa50:e812941398f4) on a database built by the revisions
-- before it and holding no rows, less its reads (SELECT) and alembic_version. What its Python
-- does with existing rows (loops, batches until no row changes, rows it reads and writes back)
-- is not here: read the revision before deploying this file to a database with data.
-- The capture held the time it ran where upgrade() passes timezone.utcnow(), computed in
-- Python when it runs: written now() here, the deploy's own time (on rows, the data check
-- reports the column as differing, as any two runs' times differ).

ALTER TABLE deadline ADD COLUMN missed BOOLEAN;

ALTER TABLE deadline ADD COLUMN callback_id UUID;

WITH batch AS (
                    SELECT
                        d.id AS deadline_id,
                        gen_random_uuid() AS callback_id,
                        COALESCE(dr.dag_id, '') AS dag_id,
                        COALESCE(d.callback::jsonb->'__data__'->>'path', '') AS cb_path,
                        COALESCE(NULLIF(d.callback::jsonb->'__data__'->'kwargs', 'null'::jsonb), '{}'::jsonb) AS cb_kwargs,
                        CASE
                            WHEN d.callback_state IN ('success', 'failed') THEN d.callback_state
                            ELSE 'pending'
                        END AS cb_state,
                        COALESCE(d.callback_state IN ('success', 'failed'), FALSE) AS missed
                    FROM deadline d
                    LEFT JOIN dag_run dr ON d.dagrun_id = dr.id
                    WHERE d.id > '00000000-0000-0000-0000-000000000000'
                    ORDER BY d.id
                    LIMIT 10000
                ),
                ins AS (
                    INSERT INTO callback (id, type, fetch_method, data, state, priority_weight, created_at)
                    SELECT
                        b.callback_id,
                        'triggerer',
                        'import_path',
                        json_build_object(
                            '__var', json_build_object(
                                'path', b.cb_path,
                                'kwargs', b.cb_kwargs,
                                'prefix', 'deadline_alerts',
                                'dag_id', b.dag_id
                            ),
                            '__type', 'dict'
                        )::json,
                        b.cb_state,
                        1,
                        now()
                    FROM batch b
                )
                UPDATE deadline d
                SET callback_id = b.callback_id,
                    missed = b.missed
                FROM batch b
                WHERE d.id = b.deadline_id
                RETURNING d.id;

ALTER TABLE deadline ALTER COLUMN missed SET NOT NULL;

ALTER TABLE deadline ALTER COLUMN callback_id SET NOT NULL;

CREATE INDEX deadline_missed_deadline_time_idx ON deadline (missed, deadline_time);

CREATE INDEX deadline_callback_id_idx ON deadline (callback_id);

DROP INDEX deadline_callback_state_time_idx;

ALTER TABLE deadline ADD CONSTRAINT deadline_callback_id_fkey FOREIGN KEY(callback_id) REFERENCES callback (id) ON DELETE CASCADE;

ALTER TABLE deadline DROP CONSTRAINT deadline_trigger_id_fkey;

ALTER TABLE deadline DROP COLUMN callback;

ALTER TABLE deadline DROP COLUMN trigger_id;

ALTER TABLE deadline DROP COLUMN callback_state;
