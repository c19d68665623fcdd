-- alembic-to-sql: Alembic revision d00f819ccc67 (update responses user_id foreign key)
-- revises: ca7293c38970
-- from: alembic/versions/d00f819ccc67_update_responses_user_id_foreign_key.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

DELETE FROM responses WHERE user_id IS NULL;

ALTER TABLE responses ALTER COLUMN user_id SET NOT NULL;

ALTER TABLE responses DROP CONSTRAINT responses_user_id_fkey;

ALTER TABLE responses ADD CONSTRAINT responses_user_id_fkey FOREIGN KEY(user_id) REFERENCES users (id) ON DELETE CASCADE;
