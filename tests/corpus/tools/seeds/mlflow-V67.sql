-- A pending, a running and a finished job when the revision runs: it cancels the first two.
INSERT INTO jobs (id, creation_time, job_name, params, status, retry_count, last_update_time)
VALUES ('00000000-0000-0000-0000-000000000001', 1700000000000, 'app.jobs.a', '{}', 0, 0, 1700000000000),
       ('00000000-0000-0000-0000-000000000002', 1700000000000, 'app.jobs.b', '{}', 1, 0, 1700000000000),
       ('00000000-0000-0000-0000-000000000003', 1700000000000, 'app.jobs.c', '{}', 2, 0, 1700000000000);
