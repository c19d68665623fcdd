-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/58/11user_id_seq.py: a Python delta, so HAND-WRITTEN here: the statements
-- its run_create sent to PostgreSQL when synapse's order of deltas ran
-- on a database upgraded from schema 54 with no rows and no pending background update (server_name corpus.example), less its reads.
-- What it does with existing rows is not here.

CREATE SEQUENCE user_id_seq START WITH 1;
