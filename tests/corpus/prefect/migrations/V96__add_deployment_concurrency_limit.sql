-- alembic-to-sql: Alembic revision 97429116795e (add_deployment_concurrency_limit)
-- revises: 7495a5013e7e
-- from: prefect/server/database/_migrations/versions/postgresql/2024_08_14_150111_97429116795e_add_deployment_concurrency_limit.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN concurrency_limit INTEGER;
