-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/56/unique_user_filter_index.py: a Python delta, so HAND-WRITTEN here: the statements
-- its run_create sent to PostgreSQL when synapse's order of deltas ran
-- on a database upgraded from schema 54 with no rows and no pending background update (server_name corpus.example), less its reads.
-- What it does with existing rows is not here.

DROP TABLE IF EXISTS user_filters_migration;

DROP INDEX IF EXISTS user_filters_unique;

CREATE TABLE user_filters_migration ( user_id TEXT NOT NULL, filter_id BIGINT NOT NULL, filter_json BYTEA NOT NULL );

INSERT INTO user_filters_migration (user_id, filter_id, filter_json) SELECT DISTINCT ON (user_id, filter_id) user_id, filter_id, filter_json FROM user_filters;

CREATE UNIQUE INDEX user_filters_unique ON user_filters_migration (user_id, filter_id);

DROP TABLE user_filters;

ALTER TABLE user_filters_migration RENAME TO user_filters;
