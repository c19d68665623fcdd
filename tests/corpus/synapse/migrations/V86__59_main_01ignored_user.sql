-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/59/01ignored_user.py: a Python delta, so HAND-WRITTEN here: the statements
-- its run_create sent to PostgreSQL when synapse's order of deltas ran
-- on a database upgraded from schema 54 with no rows and no pending background update (server_name corpus.example), less its reads.
-- What it does with existing rows is not here.

CREATE TABLE IF NOT EXISTS ignored_users( ignorer_user_id TEXT NOT NULL, ignored_user_id TEXT NOT NULL );

CREATE UNIQUE INDEX ignored_users_uniqueness ON ignored_users (ignorer_user_id, ignored_user_id);

CREATE INDEX ignored_users_ignored_user_id ON ignored_users (ignored_user_id);
