-- alembic-to-sql: Alembic revision e229247a6cb1 (Add DagBundleModel.)
-- revises: eed27faa34e3
-- from: migrations/versions/0050_3_0_0_add_dagbundlemodel.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE dag_bundle (
    name VARCHAR(250) NOT NULL, 
    active BOOLEAN, 
    version VARCHAR(200), 
    last_refreshed TIMESTAMP WITH TIME ZONE, 
    CONSTRAINT dag_bundle_pkey PRIMARY KEY (name)
);

ALTER TABLE dag ADD COLUMN bundle_name VARCHAR(250);

ALTER TABLE dag ADD COLUMN bundle_version VARCHAR(200);

ALTER TABLE dag ADD CONSTRAINT dag_bundle_name_fkey FOREIGN KEY(bundle_name) REFERENCES dag_bundle (name);

ALTER TABLE dag_run ADD COLUMN bundle_version VARCHAR(250);

ALTER TABLE import_error ADD COLUMN bundle_name VARCHAR(250);

ALTER TABLE dag_version ADD COLUMN bundle_name VARCHAR(250);

ALTER TABLE dag_version ADD COLUMN bundle_version VARCHAR(250);
