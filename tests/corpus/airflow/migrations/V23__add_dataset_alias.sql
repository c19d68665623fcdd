-- alembic-to-sql: Alembic revision 05e19f3176be (Add dataset_alias.)
-- revises: d482b7261ff9
-- from: migrations/versions/0022_2_10_0_add_dataset_alias.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE dataset_alias (
    id SERIAL NOT NULL, 
    name VARCHAR(3000) NOT NULL, 
    CONSTRAINT dataset_alias_pkey PRIMARY KEY (id)
);

CREATE UNIQUE INDEX idx_name_unique ON dataset_alias (name);
