-- alembic-to-sql: Alembic revision 3bda03debd04 (Add url template and template params to DagBundleModel.)
-- revises: f56f68b9e02f
-- from: migrations/versions/0079_3_1_0_add_url_and_template_params_to_dagbundle_model.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- schemagate runs it inside its own transaction.

ALTER TABLE dag_bundle ADD COLUMN signed_url_template VARCHAR(200);

ALTER TABLE dag_bundle ADD COLUMN template_params JSON;
