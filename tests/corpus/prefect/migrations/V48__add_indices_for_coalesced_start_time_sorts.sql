-- alembic-to-sql: Alembic revision 8caf7c1fd82c (Add indices for coalesced `start time` sorts)
-- revises: 54c1876c68ae
-- from: prefect/server/database/_migrations/versions/postgresql/2022_11_10_171740_8caf7c1fd82c_add_coalesced_start_time_indices.py
-- The SQL Alembic's offline mode (`alembic upgrade ... --sql`) prints for this revision,
-- less Alembic's bookkeeping (alembic_version, BEGIN/COMMIT).
-- upgrade() used an autocommit block, so the whole file runs outside the transaction,
-- one statement at a time:
-- schemagate:no-transaction

CREATE INDEX CONCURRENTLY
            ix_flow_run__coalesce_start_time_expected_start_time_asc
            ON flow_run (coalesce(start_time, expected_start_time) ASC);;

CREATE INDEX CONCURRENTLY
            ix_flow_run__coalesce_start_time_expected_start_time_desc
            ON flow_run (coalesce(start_time, expected_start_time) DESC);;
