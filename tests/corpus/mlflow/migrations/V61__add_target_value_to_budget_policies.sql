-- alembic-to-sql: Alembic revision c3d9e7f1a2b4 (add target_value to budget_policies)
-- revises: c1d2e3f4a5b6
-- from: mlflow/store/db_migrations/versions/c3d9e7f1a2b4_add_target_value_to_budget_policies.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE budget_policies ADD COLUMN target_value VARCHAR(255);

CREATE INDEX idx_budget_policies_target_value ON budget_policies (target_value);
