//! The inspection commands through the CLI: snapshot, check, plan, lint and new.

use crate::support::cli::{Project, Run};

/// Runs a command that builds a scratch database, checks its exit status, and checks that
/// the scratch database it created (named after its process id) is gone.
pub(crate) fn run_with_scratch(p: &Project, run: Run, status: i32) -> (String, String) {
    let child = run.spawn();
    let pid = child.id();
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(
        out.status.code(),
        Some(status),
        "--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}"
    );
    let left = p.column(&format!(
        "select datname from pg_database where datname like 'schemagate\\_scratch\\_{pid}\\_%'"
    ));
    assert!(left.is_empty(), "scratch databases left behind: {left:?}");
    (stdout, stderr)
}

fn project() -> Project {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigserial primary key, email text not null);",
    );
    p.migration(
        "V2__posts.sql",
        "create table posts (id bigserial primary key, user_id bigint not null references users(id));\n\
         create index ix_posts_user on posts (user_id);",
    );
    p
}

#[test]
fn snapshot_then_check_passes_and_an_edited_file_fails_with_a_diff() {
    let p = project();
    let (_, stderr) = run_with_scratch(&p, p.schemagate(&["snapshot"]), 0);
    // Counted from the file, which leaves out the history table.
    assert!(stderr.contains("(2 tables, 0 enums)"), "{stderr}");
    let toml = std::fs::read_to_string(p.path().join("migrations/expected_schema.toml")).unwrap();
    assert!(toml.contains("ix_posts_user"), "{toml}");
    assert!(toml.contains("version = 2"), "{toml}");
    // The snapshot built a scratch database; the project's own database is untouched.
    assert!(p.tables().is_empty(), "{:?}", p.tables());

    let (stdout, _) = run_with_scratch(&p, p.schemagate(&["check"]), 0);
    assert!(stdout.contains("check passed"), "{stdout}");

    let edited = toml.replacen("text not null", "integer not null", 1);
    assert_ne!(edited, toml);
    p.file("migrations/expected_schema.toml", &edited);
    let (stdout, stderr) = run_with_scratch(&p, p.schemagate(&["check"]), 9);
    assert!(stdout.contains("wrong type"), "{stdout}");
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with('-') && l.contains("integer"))
            && stdout
                .lines()
                .any(|l| l.starts_with('+') && l.contains("text")),
        "no diff in {stdout}"
    );
    assert!(stderr.contains("schemagate snapshot"), "{stderr}");
}

#[test]
fn plan_lists_pending_in_order_and_exits_6_when_lint_refuses() {
    let p = project();
    p.schemagate(&["plan"])
        .status(0)
        .stdout_has("2 pending migration(s), in order:\n  V1__users.sql (in the transaction)\n  V2__posts.sql (in the transaction)")
        .stdout_has("backup: yes")
        .run();
    assert!(p.tables().is_empty(), "plan changed the database");

    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["plan"])
        .status(0)
        .stdout_has("nothing pending")
        .run();
    p.migration("V3__drop.sql", "DROP TABLE posts;");
    p.schemagate(&["plan"])
        .status(6)
        .stdout_has("V3__drop.sql")
        .stderr_has("ban-drop-table")
        .run();
    assert_eq!(p.user_tables(), ["posts", "users"]);
    assert_eq!(p.applied_versions(), [1, 2]);
}

#[test]
fn lint_all_passes_on_a_history_that_creates_then_drops() {
    let p = project();
    p.migration("V3__tmp.sql", "create table tmp (id int);");
    p.migration(
        "V4__reshape.sql",
        "alter table tmp rename to tmp2;\nalter table users rename column email to mail;\nDROP TABLE tmp2;",
    );
    p.schemagate(&["lint", "--all"])
        .status(0)
        .stdout_has("4 file(s), judged as the bootstrap of a new, empty database: lint passed")
        .run();
}

#[test]
fn new_writes_the_next_file() {
    let p = project();
    p.schemagate(&["new", "add_email"])
        .status(0)
        .stdout_has("V3__add_email.sql")
        .run();
    let text = std::fs::read_to_string(p.path().join("migrations/V3__add_email.sql")).unwrap();
    // A header comment naming the file and how it runs; it mentions the no-transaction marker
    // without being one.
    assert!(text.starts_with("-- V3__add_email.sql\n"), "{text}");
    assert!(text.contains("schemagate:no-transaction"), "{text}");
    // The new file is valid and pending, in the transaction.
    p.schemagate(&["plan"])
        .status(0)
        .stdout_has("V3__add_email.sql (in the transaction)")
        .run();
    // Spaces and dashes become underscores.
    p.schemagate(&["new", "add-phone number"])
        .status(0)
        .stdout_has("V4__add_phone_number.sql")
        .run();
    // Anything else is refused, and nothing is written.
    p.schemagate(&["new", "drop users!"])
        .status(2)
        .stderr_has(
            "migration name \"drop users!\": use letters, digits, underscores, spaces or dashes",
        )
        .run();
    assert!(!p.path().join("migrations/V5__drop_users.sql").exists());
    assert_eq!(
        std::fs::read_dir(p.path().join("migrations"))
            .unwrap()
            .count(),
        4
    );

    // A project's first migration, in a directory that does not exist yet.
    p.schemagate(&["new", "init", "--migrations", "db/migrations"])
        .status(0)
        .stdout_has("db/migrations/V1__init.sql")
        .run();
    assert!(p.path().join("db/migrations/V1__init.sql").is_file());
}
