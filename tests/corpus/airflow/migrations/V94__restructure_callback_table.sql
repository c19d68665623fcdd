-- alembic-to-sql: Alembic revision b87d2135fa50 (Restructure callback table.)
-- revises: 69ddce9a7247
-- from: migrations/versions/0093_3_2_0_restructure_callback_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DELETE FROM callback_request;

ALTER TABLE callback_request RENAME TO callback;

ALTER TABLE callback ADD COLUMN type VARCHAR(20) NOT NULL;

ALTER TABLE callback ADD COLUMN fetch_method VARCHAR(20) NOT NULL;

ALTER TABLE callback ADD COLUMN data JSONB NOT NULL;

ALTER TABLE callback ADD COLUMN state VARCHAR(10);

ALTER TABLE callback ADD COLUMN output TEXT;

ALTER TABLE callback ADD COLUMN trigger_id INTEGER;

ALTER TABLE callback ADD CONSTRAINT callback_trigger_id_fkey FOREIGN KEY(trigger_id) REFERENCES trigger (id);

ALTER TABLE callback DROP COLUMN id;

ALTER TABLE callback ADD COLUMN id UUID NOT NULL;

ALTER TABLE callback ADD CONSTRAINT callback_pkey PRIMARY KEY (id);

ALTER TABLE callback DROP COLUMN callback_data;

ALTER TABLE callback DROP COLUMN callback_type;
