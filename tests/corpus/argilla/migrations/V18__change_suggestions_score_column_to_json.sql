-- alembic-to-sql: Alembic revision ca7293c38970 (change suggestions score column to json)
-- revises: bda6fe24314e
-- from: alembic/versions/ca7293c38970_change_suggestions_score_column_to_json.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE suggestions ALTER COLUMN score TYPE JSON USING to_json(score);

UPDATE suggestions SET score = NULL WHERE json_typeof(value) = 'array';
