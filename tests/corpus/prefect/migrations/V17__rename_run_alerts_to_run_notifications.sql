-- alembic-to-sql: Alembic revision cdcb4018dd0e (Rename run alerts to run notifications)
-- revises: 2fe6fe6ca16e
-- from: prefect/server/database/_migrations/versions/postgresql/2022_05_30_112549_cdcb4018dd0e_rename_run_alerts_to_run_notifications.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE flow_run_alert_policy RENAME TO flow_run_notification_policy;

ALTER INDEX pk_flow_run_alert RENAME TO pk_flow_run_notification_policy;;

ALTER INDEX ix_flow_run_alert_policy__name RENAME TO ix_flow_run_notification_policy__name;;

ALTER INDEX ix_flow_run_alert_policy__updated RENAME TO ix_flow_run_notification_policy__updated;;

ALTER TABLE flow_run_alert_queue RENAME TO flow_run_notification_queue;

ALTER INDEX pk_flow_run_alert_queue RENAME TO pk_flow_run_notification_queue;;

ALTER INDEX ix_flow_run_alert_queue__updated RENAME TO ix_flow_run_notification_queue__updated;;

ALTER TABLE flow_run_notification_queue RENAME flow_run_alert_policy_id TO flow_run_notification_policy_id;
