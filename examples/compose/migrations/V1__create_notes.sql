-- V1__create_notes.sql: the table the example app reads.
CREATE TABLE notes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO notes (body) VALUES ('written by migration V1, before the app started');
