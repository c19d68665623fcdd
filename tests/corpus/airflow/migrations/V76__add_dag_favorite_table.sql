-- alembic-to-sql: Alembic revision ffdb0566c7c0 (Add dag_favorite table.)
-- revises: 66a7743fe20e
-- from: migrations/versions/0075_3_1_0_add_dag_favorite_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE dag_favorite (
    user_id VARCHAR(250) NOT NULL, 
    dag_id VARCHAR(250) NOT NULL, 
    CONSTRAINT dag_favorite_pkey PRIMARY KEY (user_id, dag_id), 
    CONSTRAINT dag_favorite_dag_id_fkey FOREIGN KEY(dag_id) REFERENCES dag (dag_id) ON DELETE CASCADE
);
