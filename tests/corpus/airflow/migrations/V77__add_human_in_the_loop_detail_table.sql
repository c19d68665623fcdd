-- alembic-to-sql: Alembic revision 40f7c30a228b (Add Human In the Loop Detail table.)
-- revises: ffdb0566c7c0
-- from: migrations/versions/0076_3_1_0_add_human_in_the_loop_response.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE hitl_detail (
    ti_id UUID NOT NULL, 
    options JSON NOT NULL, 
    subject TEXT NOT NULL, 
    body TEXT, 
    defaults JSON, 
    multiple BOOLEAN, 
    params JSON NOT NULL, 
    assignees JSON, 
    created_at TIMESTAMP WITH TIME ZONE NOT NULL, 
    responded_at TIMESTAMP WITH TIME ZONE, 
    responded_by JSON, 
    chosen_options JSON, 
    params_input JSON NOT NULL, 
    CONSTRAINT hitl_detail_pkey PRIMARY KEY (ti_id), 
    CONSTRAINT hitl_detail_ti_fkey FOREIGN KEY(ti_id) REFERENCES task_instance (id) ON DELETE CASCADE ON UPDATE CASCADE
);
