-- alembic-to-sql: Alembic revision 8cf4d4933848 (Create `deployment_schedule` and add `Deployment.paused`)
-- revises: 6b63c51c31b4
-- from: prefect/server/database/_migrations/versions/postgresql/2024_01_22_120615_8cf4d4933848_create_deployment_schedule_and_add_.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE deployment_schedule (
    id UUID DEFAULT (GEN_RANDOM_UUID()) NOT NULL, 
    created TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    updated TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, 
    schedule JSONB NOT NULL, 
    active BOOLEAN NOT NULL, 
    deployment_id UUID NOT NULL, 
    CONSTRAINT pk_deployment_schedule PRIMARY KEY (id), 
    CONSTRAINT fk_deployment_schedule__deployment_id__deployment FOREIGN KEY(deployment_id) REFERENCES deployment (id) ON DELETE CASCADE
);

CREATE INDEX ix_deployment_schedule__deployment_id ON deployment_schedule (deployment_id);

CREATE INDEX ix_deployment_schedule__updated ON deployment_schedule (updated);

ALTER TABLE deployment ADD COLUMN paused BOOLEAN DEFAULT '0' NOT NULL;

CREATE INDEX ix_deployment__paused ON deployment (paused);

INSERT INTO deployment_schedule (deployment_id, schedule, active)
        SELECT
            d.id AS deployment_id,
            d.schedule,
            d.is_schedule_active AS active
        FROM
            deployment d
        WHERE
            d.schedule IS NOT NULL
            and d.schedule != 'null';;

UPDATE deployment SET paused = NOT is_schedule_active where paused = is_schedule_active;;
