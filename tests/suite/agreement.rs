//! One fact in one place: `lint`, `plan`, `deploy --dry-run` and `deploy` read the same marker
//! and the same plan, the run log keeps a failure's first cause, every error speaks for the
//! command that failed, a closed or full stdout is a clean end, and a bad setting names where
//! it came from.

use std::process::Stdio;

use crate::support::cli::Project;

const USERS: &str = "create table users (id bigint primary key, email text);";

#[test]
fn a_marker_without_a_space_means_the_same_to_lint_plan_and_deploy() {
    let p = Project::new();
    p.migration("V1__users.sql", USERS);
    p.migration(
        "V2__ix.sql",
        "--schemagate:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email);\n",
    );
    p.schemagate(&["lint", "--all"])
        .status(0)
        .stdout_has("2 file(s), judged as the bootstrap of a new, empty database: lint passed")
        .run();
    p.schemagate(&["plan"])
        .status(0)
        .stdout_has("V2__ix.sql (step 2 of 2, outside the transaction)")
        .run();
    p.schemagate(&["deploy", "--dry-run", "--no-backup"])
        .status(0)
        .stderr_has("would apply V2__ix.sql (step 2 of 2, outside the transaction)")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V2__ix.sql outside the transaction")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
}

/// V1 users; V2 (no transaction) fails in its second statement after the first ran, on a
/// division by zero.
fn failed_part_way() -> Project {
    let p = Project::new();
    p.migration("V1__users.sql", USERS);
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\n\
         CREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n\
         SELECT 1/0;\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("division by zero")
        .stderr_has("statements 1 to 1 of 2 ran")
        .run();
    p
}

#[test]
fn after_a_part_way_failure_plan_refuses_as_deploy_does() {
    let p = failed_part_way();
    p.schemagate(&["deploy", "--dry-run"])
        .status(5)
        .stderr_has("V2__ix.sql: a no-transaction migration failed part-way in an earlier run")
        .run();
    p.schemagate(&["plan"])
        .status(5)
        .stderr_has("V2__ix.sql: a no-transaction migration failed part-way in an earlier run")
        .run();
}

#[test]
fn every_later_refusal_still_names_the_first_cause() {
    let p = failed_part_way();
    for _ in 0..3 {
        p.schemagate(&["deploy", "--no-backup"])
            .status(5)
            .stderr_has("failed part-way in an earlier run: V2__ix.sql:3:")
            .stderr_has("division by zero")
            .run();
    }
    p.schemagate(&["status"])
        .status(0)
        .stdout_has("division by zero")
        .run();
}

#[test]
fn backup_errors_speak_for_the_command_that_failed() {
    let p = Project::new();
    p.file("not-a-dir", "a file where the backup directory should be");
    p.schemagate(&["backups", "--backup-dir", "not-a-dir"])
        .status(7)
        .stderr_has("cannot list the backups:")
        .stderr_lacks("nothing was applied")
        .run();
    p.file("broken.dump", "not a pg_dump archive");
    p.schemagate(&["restore", "broken.dump", "--yes"])
        .status(7)
        .stderr_has("restore failed:")
        .stderr_lacks("backup failed")
        .run();
}

#[test]
fn a_closed_stdout_ends_quietly_and_a_full_disk_is_an_error_not_a_panic() {
    let p = Project::new();
    p.migration("V1__users.sql", USERS);
    // The read end is gone before schemagate starts: its first answer meets a closed pipe, as
    // `schemagate status | head -0` would.
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = p
        .schemagate(&["status"])
        .command()
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");

    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = p
        .schemagate(&["status"])
        .command()
        .stdout(Stdio::from(full))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("cannot write to stdout"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_bad_setting_names_the_variable_or_flag_it_came_from() {
    let p = Project::new();
    p.schemagate(&["status"])
        .env("SCHEMAGATE_LOG_FORMAT", "xml")
        .status(2)
        .stderr_has("SCHEMAGATE_LOG_FORMAT: expected text, json or github, got \"xml\"")
        .stderr_lacks("--log-format")
        .run();
    p.schemagate(&["status", "--log-format", "xml"])
        .status(2)
        .stderr_has("--log-format: expected text, json or github")
        .run();
    p.schemagate(&["status"])
        .env("SCHEMAGATE_WAIT", "1m30s")
        .status(0)
        .run();
    p.file("schemagate.toml", "lock_wait = \"forever\"\n");
    p.schemagate(&["status"])
        .status(2)
        .stderr_has("schemagate.toml: lock_wait: expected a duration")
        .run();
}
