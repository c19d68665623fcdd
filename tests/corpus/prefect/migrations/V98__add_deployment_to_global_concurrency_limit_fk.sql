-- alembic-to-sql: Alembic revision eaec5004771f (Add deployment to global concurrency limit FK)
-- revises: 555ed31b284d
-- from: prefect/server/database/_migrations/versions/postgresql/2024_09_16_152051_eaec5004771f_add_deployment_to_global_concurrency_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE deployment ADD COLUMN concurrency_limit_id UUID;

ALTER TABLE deployment ADD CONSTRAINT fk_deployment__concurrency_limit_id__concurrency_limit_v2 FOREIGN KEY(concurrency_limit_id) REFERENCES concurrency_limit_v2 (id) ON DELETE SET NULL;

WITH deployment_limit_mapping AS (
            SELECT d.id AS deployment_id, l.id AS limit_id
            FROM deployment d
            JOIN concurrency_limit_v2 l ON l.name = 'deployment:' || d.id::text
        )
        UPDATE deployment
        SET concurrency_limit_id = dlm.limit_id
        FROM deployment_limit_mapping dlm
        WHERE deployment.id = dlm.deployment_id;;
