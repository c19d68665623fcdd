-- alembic-to-sql: Alembic revision a7e6d4c3b2f1 (Add connection_test_request table for the deferred connection-test workflow.)
-- revises: 8812eb67b63c
-- from: migrations/versions/0118_3_3_0_add_connection_test_table.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE connection_test_request (
    id UUID NOT NULL, 
    token VARCHAR(64) NOT NULL, 
    connection_id VARCHAR(250) NOT NULL, 
    state VARCHAR(20) NOT NULL, 
    result_message VARCHAR(2000), 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    executor VARCHAR(256), 
    queue VARCHAR(256), 
    conn_type VARCHAR(500) NOT NULL, 
    host VARCHAR(500), 
    login TEXT, 
    password TEXT, 
    schema VARCHAR(500), 
    port INTEGER, 
    extra TEXT, 
    is_encrypted BOOLEAN DEFAULT '0' NOT NULL, 
    is_extra_encrypted BOOLEAN DEFAULT '0' NOT NULL, 
    commit_on_success BOOLEAN DEFAULT '0' NOT NULL, 
    active_connection_id VARCHAR(250), 
    team_name VARCHAR(50), 
    CONSTRAINT connection_test_request_pkey PRIMARY KEY (id), 
    CONSTRAINT connection_test_request_token_uq UNIQUE (token), 
    CONSTRAINT uq_connection_test_request_active_conn UNIQUE (active_connection_id)
);

CREATE INDEX idx_connection_test_request_state_created_at ON connection_test_request (state, created_at);
