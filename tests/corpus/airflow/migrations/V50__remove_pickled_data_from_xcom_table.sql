-- alembic-to-sql: Alembic revision eed27faa34e3 (Remove pickled data from xcom table.)
-- revises: 9fc3fc5de720
-- from: airflow/migrations/versions/0049_3_0_0_remove_pickled_data_from_xcom_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() calls get_bind: the statements it sends through the connection are here,
--   but whatever its Python decides from what it reads (rows, inspect(), has_table) happens
--   only online; check this file against the revision

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
