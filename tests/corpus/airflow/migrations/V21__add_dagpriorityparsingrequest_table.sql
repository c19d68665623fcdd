-- alembic-to-sql: Alembic revision c4602ba06b4b (Add DagPriorityParsingRequest table.)
-- revises: 677fdbb7fc54
-- from: migrations/versions/0020_2_10_0_added_dagpriorityparsingrequest_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE dag_priority_parsing_request (
    id VARCHAR(32) NOT NULL, 
    fileloc VARCHAR(2000) NOT NULL, 
    CONSTRAINT dag_priority_parsing_request_pkey PRIMARY KEY (id)
);
