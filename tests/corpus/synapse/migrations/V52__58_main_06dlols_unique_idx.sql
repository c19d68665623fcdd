-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/58/06dlols_unique_idx.py: a Python delta, so HAND-WRITTEN here: the statements
-- its run_create sent to PostgreSQL when synapse's order of deltas ran
-- on a database upgraded from schema 54 with no rows and no pending background update (server_name corpus.example), less its reads.
-- What it does with existing rows is not here.

DROP TABLE IF EXISTS device_lists_outbound_last_success_new;

CREATE TABLE device_lists_outbound_last_success_new ( destination TEXT NOT NULL, user_id TEXT NOT NULL, stream_id BIGINT NOT NULL );

INSERT INTO device_lists_outbound_last_success_new SELECT destination, user_id, MAX(stream_id) FROM device_lists_outbound_last_success GROUP BY destination, user_id;

CREATE UNIQUE INDEX device_lists_outbound_last_success_unique_idx ON device_lists_outbound_last_success_new (destination, user_id);

DROP TABLE device_lists_outbound_last_success;

ALTER TABLE device_lists_outbound_last_success_new RENAME TO device_lists_outbound_last_success;
