-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/57/local_current_membership.py: a Python delta, so HAND-WRITTEN here: the statements
-- its run_create and run_upgrade sent to PostgreSQL when synapse's order of deltas ran
-- on a database upgraded from schema 54 with no rows and no pending background update (server_name corpus.example), less its reads.
-- What it does with existing rows is not here.

CREATE TABLE local_current_membership (
            room_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            membership TEXT NOT NULL
        );

CREATE UNIQUE INDEX local_current_membership_idx ON local_current_membership(user_id, room_id);

CREATE INDEX local_current_membership_room_idx ON local_current_membership(room_id);

DROP INDEX local_current_membership_idx;

DROP INDEX local_current_membership_room_idx;

INSERT INTO local_current_membership (room_id, user_id, event_id, membership)
                SELECT c.room_id, state_key AS user_id, event_id, c.membership
                FROM current_state_events AS c
                WHERE type = 'm.room.member' AND c.membership IS NOT NULL AND state_key LIKE '%:corpus.example';

CREATE UNIQUE INDEX local_current_membership_idx ON local_current_membership(user_id, room_id);

CREATE INDEX local_current_membership_room_idx ON local_current_membership(room_id);
