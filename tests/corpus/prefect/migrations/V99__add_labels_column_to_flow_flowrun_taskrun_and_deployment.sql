-- alembic-to-sql: Alembic revision 68a44144428d (Add `labels` column to Flow, FlowRun, TaskRun, and Deployment)
-- revises: eaec5004771f
-- from: prefect/server/database/_migrations/versions/postgresql/2024_11_15_150706_68a44144428d_add_labels_column_to_flow_flowrun_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN labels JSONB;

ALTER TABLE flow ADD COLUMN labels JSONB;

ALTER TABLE flow_run ADD COLUMN labels JSONB;

ALTER TABLE task_run ADD COLUMN labels JSONB;
