-- alembic-to-sql: Alembic revision cc92b33c6709 (Add backward compatibility for serialized DAG format v3 to v2.)
-- revises: eaf332f43c7c
-- from: migrations/versions/0085_3_1_0_downgrade_serialized_dag_version_to_v2.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

