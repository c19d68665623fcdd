-- The table the journey_templates incident lost: created by a migration this time.
CREATE TABLE journey_templates (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id),
    name text NOT NULL,
    stops jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX ix_journey_templates_user_id ON journey_templates (user_id);
