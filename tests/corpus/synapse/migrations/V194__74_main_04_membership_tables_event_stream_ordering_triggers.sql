-- matrix-synapse 1.90.0, synapse/storage/schema/main/delta/74/04_membership_tables_event_stream_ordering_triggers.py: a Python delta, so HAND-WRITTEN here: the statements
-- its run_create sent to PostgreSQL when synapse's order of deltas ran
-- on a database upgraded from schema 54 with no rows and no pending background update (server_name corpus.example), less its reads.
-- What it does with existing rows is not here.

CREATE OR REPLACE FUNCTION check_event_stream_ordering() RETURNS trigger AS $BODY$
            BEGIN
                IF EXISTS (
                    SELECT 1 FROM events
                    WHERE events.event_id = NEW.event_id
                       AND events.stream_ordering != NEW.event_stream_ordering
                ) THEN
                    RAISE EXCEPTION 'Incorrect event_stream_ordering';
                END IF;
                RETURN NEW;
            END;
            $BODY$ LANGUAGE plpgsql;

CREATE TRIGGER check_event_stream_ordering BEFORE INSERT OR UPDATE ON current_state_events
                FOR EACH ROW
                EXECUTE PROCEDURE check_event_stream_ordering();

CREATE TRIGGER check_event_stream_ordering BEFORE INSERT OR UPDATE ON local_current_membership
                FOR EACH ROW
                EXECUTE PROCEDURE check_event_stream_ordering();

CREATE TRIGGER check_event_stream_ordering BEFORE INSERT OR UPDATE ON room_memberships
                FOR EACH ROW
                EXECUTE PROCEDURE check_event_stream_ordering();
