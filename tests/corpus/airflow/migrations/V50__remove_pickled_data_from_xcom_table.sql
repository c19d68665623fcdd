-- alembic-to-sql: Alembic revision eed27faa34e3 (Remove pickled data from xcom table.)
-- revises: 9fc3fc5de720
-- from: migrations/versions/0049_3_0_0_remove_pickled_data_from_xcom_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() tests context.is_offline_mode(): what it does offline is not what it does
--   online, so the SQL offline mode prints is not the revision: the file stops any deploy that
--   runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   conn = op.get_bind()
--   dialect = conn.dialect.name
--   op.create_table('_xcom_archive', sa.Column('dag_run_id', sa.Integer(), nullable=False, primary_ke...
--   condition_templates = {'postgresql': 'get_byte(value, 0) = 128', 'mysql': "HEX(SUBSTRING(value, 1...
--   condition = condition_templates.get(dialect)
--   if not condition:
--     raise RuntimeError(f'Unsupported dialect: {dialect}')
--   quoted_key = conn.dialect.identifier_preparer.quote('key')
--   if dialect == 'postgresql' and (not context.is_offline_mode()):
--     curr_timeout = int(conn.execute(text("\n SELECT setting\n FROM pg_settings\n WHERE name = 'statem...
--     if curr_timeout > 0 and curr_timeout < 1800:
--       print('setting local statement timeout to 1800s')
--       conn.execute(text("SET LOCAL statement_timeout='1800s'"))
--   conn.execute(text(f'\n INSERT INTO _xcom_archive (dag_run_id, task_id, map_index, {quoted_key}, d...
--   conn.execute(text(f'DELETE FROM xcom WHERE value IS NOT NULL AND {condition}'))
--   if dialect == 'postgresql':
--     for stmt in _xcom_pg_sanitize_statements():
--       conn.execute(text(stmt))
--     op.execute("\n ALTER TABLE xcom\n ALTER COLUMN value TYPE JSONB\n USING CASE\n WHEN value IS NOT ...
--   else:
--     if dialect == 'mysql':
--       for stmt in _xcom_mysql_sanitize_statements():
--         conn.execute(text(stmt))
--       op.add_column('xcom', sa.Column('value_json', sa.JSON(), nullable=True))
--       op.execute('UPDATE xcom SET value_json = CAST(value AS CHAR CHARACTER SET utf8mb4)')
--       op.drop_column('xcom', 'value')
--       op.alter_column('xcom', 'value_json', existing_type=sa.JSON(), new_column_name='value')
--     else:
--       if dialect == 'sqlite':
--         for stmt in _xcom_sqlite_sanitize_statements(json1=_sqlite_has_json1(conn)):
--           conn.execute(text(stmt))
--         with op.batch_alter_table('xcom', schema=None) as batch_op:
--           batch_op.alter_column('value', new_column_name='value_old')
--         with op.batch_alter_table('xcom', schema=None) as batch_op:
--           batch_op.add_column(sa.Column('value', sa.JSON(), nullable=True))
--         conn.execute(text('\n UPDATE xcom\n SET value = json(CAST(value_old AS TEXT))\n WHERE value_old I...
--         with op.batch_alter_table('xcom', schema=None) as batch_op:
--           batch_op.drop_column('value_old')
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when apache-airflow-core 3.3.2 (alembic -c airflow/alembic.ini) ran it
-- online (alembic upgrade 9fc3fc5de720:eed27faa34e3) on a database built by the revisions
-- before it and holding no rows, less its reads (SELECT) and alembic_version. What its Python
-- does with existing rows (loops, batches until no row changes, rows it reads and writes back)
-- is not here: read the revision before deploying this file to a database with data.

CREATE TABLE IF NOT EXISTS _xcom_archive (
	dag_run_id INTEGER NOT NULL, 
	task_id VARCHAR(250) NOT NULL, 
	map_index INTEGER DEFAULT -1 NOT NULL, 
	key VARCHAR(512) NOT NULL, 
	dag_id VARCHAR(250) NOT NULL, 
	run_id VARCHAR(250) NOT NULL, 
	value BYTEA, 
	timestamp TIMESTAMP WITH TIME ZONE NOT NULL, 
	CONSTRAINT _xcom_archive_pkey PRIMARY KEY (dag_run_id, task_id, map_index, key)
);

INSERT INTO _xcom_archive (dag_run_id, task_id, map_index, key, dag_id, run_id, value, timestamp)
            SELECT dag_run_id, task_id, map_index, key, dag_id, run_id, value, timestamp
            FROM xcom
            WHERE value IS NOT NULL AND get_byte(value, 0) = 128;

DELETE FROM xcom WHERE value IS NOT NULL AND get_byte(value, 0) = 128;

UPDATE xcom
                SET value = convert_to(
                    replace(
                        replace(
                            replace(convert_from(value, 'UTF8'), '\\', chr(1)),
                            '\u0000', ''
                        ),
                        chr(1), '\\'
                    ),
                    'UTF8'
                )
                WHERE value IS NOT NULL AND get_byte(value, 0) != 128
                    -- chr(1) never appears in the JSON text, json.dumps escapes control bytes.
                    -- The chain is an identity without the escape, so those rows are skipped
                    -- rather than rewritten.
                    AND position(convert_to('\u0000', 'UTF8') in value) > 0;

CREATE OR REPLACE FUNCTION pg_temp._airflow_xcom_needs_nan_fix(txt text)
                RETURNS boolean AS $$
                BEGIN
                    IF txt !~ '(NaN|Infinity)' THEN
                        RETURN false;
                    END IF;
                    PERFORM txt::jsonb;
                    RETURN false;
                EXCEPTION WHEN others THEN
                    RETURN true;
                END;
                $$ LANGUAGE plpgsql;

UPDATE xcom
                SET value = convert_to(
                    regexp_replace(
                        convert_from(value, 'UTF8'),
                        -- Group 1 is the preceding delimiter, or ^ for a bare scalar value. The
                        -- closing delimiter is a lookahead rather than a consuming group so that
                        -- consecutive tokens in an array ([NaN, Infinity]) each match. NaN and
                        -- Infinity share one pass to avoid a second table scan.
                        '([:,\[]\s*|^)(NaN|-?Infinity)(?=\s*[,}\]]|$)',
                        '\1null',
                        'g'
                    ),
                    'UTF8'
                )
                WHERE value IS NOT NULL AND get_byte(value, 0) != 128
                    AND pg_temp._airflow_xcom_needs_nan_fix(convert_from(value, 'UTF8'));

ALTER TABLE xcom
            ALTER COLUMN value TYPE JSONB
            USING CASE
                WHEN value IS NOT NULL THEN CAST(CONVERT_FROM(value, 'UTF8') AS JSONB)
                ELSE NULL
            END;
