-- Subscriptions: an enum and two columns on users.
CREATE TYPE billing_cycle AS ENUM ('monthly', 'yearly');
ALTER TABLE users ADD COLUMN billing_cycle billing_cycle;
ALTER TABLE users ADD COLUMN nickname text;
