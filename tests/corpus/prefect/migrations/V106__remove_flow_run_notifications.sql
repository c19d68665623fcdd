-- alembic-to-sql: Alembic revision 4160a4841eed (Remove flow run notifications)
-- revises: 7a73514ca2d6
-- from: prefect/server/database/_migrations/versions/postgresql/2025_04_29_112902_4160a4841eed_remove_flow_run_notifications.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction
-- WARNING: upgrade() failed in offline mode (AttributeError: 'NoneType' object has no attribute
--   'fetchall'): the file stops any deploy that runs it until its SQL is written by hand
-- What upgrade() does, for writing its SQL by hand:
--   conn = op.get_bind()
--   with op.get_context().autocommit_block():
--     rows = conn.execute(sa.text('SELECT id, is_active, state_names, tags, message_template, block_doc...
--     if len(rows) > 0:
--       for row in rows:
--         row: sa.Row[tuple[UUID, bool, list[str], list[str], str | None, UUID]]
--         is_active = row[1]
--         state_names = row[2]
--         tags = row[3]
--         message_template = row[4]
--         block_document_id = row[5]
--         trigger = {'id': str(uuid4()), 'type': 'event', 'after': [], 'match': {'prefect.resource.id': 'pr...
--         actions = [{'body': message_template.format(**PLACEHOLDER_MAP) if message_template else DEFAULT_B...
--         conn.execute(sa.text('INSERT INTO automation (name, description, enabled, trigger, actions) VALUE...
--         conn.execute(sa.text('DELETE FROM flow_run_notification_policy WHERE id = :id'), {'id': row[0]})
--       get_logger().info(f'Your {len(rows)} flow run notification policies have been migrated to automat...
--   op.drop_table('flow_run_notification_queue')
--   op.drop_table('flow_run_notification_policy')
-- HAND-WRITTEN: offline mode cannot print this revision, so the statements below are the ones
-- its upgrade() sent when prefect 3.9.1's own migration command ran it online (alembic upgrade
-- 7a73514ca2d6:4160a4841eed) on a database built by the revisions before it and holding no
-- rows, less its reads (SELECT) and alembic_version. What its Python does with existing rows
-- (loops, batches until no row changes, rows it reads and writes back) is not here: read the
-- revision before deploying this file to a database with data.

DROP TABLE flow_run_notification_queue;

DROP TABLE flow_run_notification_policy;
