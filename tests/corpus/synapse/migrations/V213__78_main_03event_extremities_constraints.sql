-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/78/03event_extremities_constraints.py: a Python delta, so HAND-WRITTEN here: the statements
-- its run_create sent to PostgreSQL when synapse's order of deltas ran
-- on a database upgraded from schema 54 with no rows and no pending background update (server_name corpus.example), less its reads.
-- What it does with existing rows is not here.

ALTER TABLE event_forward_extremities
            ADD CONSTRAINT event_forward_extremities_event_id FOREIGN KEY (event_id) REFERENCES events (event_id)  DEFERRABLE INITIALLY DEFERRED
            NOT VALID;

INSERT INTO background_updates (ordering, update_name, progress_json) VALUES (7803, 'event_forward_extremities_event_id_foreign_key_constraint_update', '{}');
