-- V2__add_note_author.sql: a second migration, so that a redeploy has something to do.
ALTER TABLE notes ADD COLUMN author text;

CREATE INDEX ix_notes_created_at ON notes (created_at);
