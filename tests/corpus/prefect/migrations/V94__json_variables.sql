-- alembic-to-sql: Alembic revision 94622c1663e8 (json_variables)
-- revises: b23c83a12cb4
-- from: prefect/server/database/_migrations/versions/postgresql/2024_05_21_101457_94622c1663e8_json_variables.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'fetchall'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   op.add_column('variable', sa.Column('json_value', JSON, nullable=True))
--   conn = op.get_bind()
--   result = conn.execute(sa.text('SELECT id, value FROM variable'))
--   rows = result.fetchall()
--   for (variable_id, value) in rows:
--     json_value = json.dumps(value)
--     conn.execute(sa.text('UPDATE variable SET json_value = :json_value WHERE id = :id'), {'json_value...
--   op.drop_column('variable', 'value')
--   op.alter_column('variable', 'json_value', new_column_name='value')
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- b23c83a12cb4:94622c1663e8) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

ALTER TABLE variable ADD COLUMN json_value JSONB;

ALTER TABLE variable DROP COLUMN value;

ALTER TABLE variable RENAME json_value TO value;
