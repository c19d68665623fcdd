-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/78/02_validate_and_update_user_filters.py: a Python delta, so HAND-WRITTEN here: the statements
-- its run_upgrade sent to PostgreSQL when synapse's order of deltas ran
-- on a database upgraded from schema 54 with no rows and no pending background update (server_name corpus.example), less its reads.
-- What it does with existing rows is not here.

ALTER TABLE user_filters VALIDATE CONSTRAINT full_user_id_not_null;
