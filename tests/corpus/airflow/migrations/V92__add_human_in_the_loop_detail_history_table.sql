-- alembic-to-sql: Alembic revision 5cc8117e9285 (Add Human In the Loop Detail History table.)
-- revises: 1b2c3d4e5f6g
-- from: migrations/versions/0091_3_2_0_add_human_in_the_loop_detail_history.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

CREATE TABLE hitl_detail_history (
    ti_history_id UUID NOT NULL, 
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
    CONSTRAINT hitl_detail_history_pkey PRIMARY KEY (ti_history_id), 
    CONSTRAINT hitl_detail_history_tih_fkey FOREIGN KEY(ti_history_id) REFERENCES task_instance_history (task_instance_id) ON DELETE CASCADE ON UPDATE CASCADE
);
