//! The recovery commands as README.md's runbooks use them: `baseline` for a database made
//! outside the migrations, `repair` after an intended edit and after a no-transaction migration
//! failed part-way.

use crate::commands::run_with_scratch;
use crate::support::cli::Project;

const USERS: &str = "create table users (id bigserial primary key, email text not null);";
const POSTS: &str =
    "create table posts (id bigserial primary key, user_id bigint not null references users(id));";

/// V1 users, V2 posts, and `expected_schema.toml` for version 2 (built on a scratch database).
fn project() -> Project {
    let p = Project::new();
    p.migration("V1__users.sql", USERS);
    p.migration("V2__posts.sql", POSTS);
    p.schemagate(&["snapshot"]).status(0).run();
    p
}

#[test]
fn baseline_records_a_create_all_database_then_deploy_applies_only_what_is_new() {
    let p = project();
    // The create_all era: the same tables, made without the migrations.
    p.execute(&format!("{USERS}\n{POSTS}"));
    p.execute("insert into users (email) values ('kept@example.com')");

    p.schemagate(&["baseline", "2"])
        .status(0)
        .stderr_has("the live schema satisfies migrations/expected_schema.toml")
        .stderr_has(
            "recorded 2 migration(s) as applied without running them: V1__users.sql, V2__posts.sql",
        )
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);

    // The recorded checksums are the files': the next deploy sees no edit and runs only V3.
    p.migration("V3__tags.sql", "create table tags (id bigint primary key);");
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V3__tags.sql")
        .stderr_lacks("applied V1__users.sql")
        .run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);
    assert_eq!(p.value("select email from users"), "kept@example.com");

    // Again: nothing left to record.
    p.schemagate(&["baseline", "2"])
        .status(0)
        .stderr_has("nothing to record")
        .run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);
}

#[test]
fn baseline_refuses_a_schema_that_lacks_a_column_unless_forced() {
    let p = project();
    p.execute(&format!(
        "create table users (id bigserial primary key);\n{POSTS}"
    ));
    p.schemagate(&["baseline", "2"])
        .status(9)
        .stderr_has("baseline 2: the live schema does not satisfy migrations/expected_schema.toml, nothing recorded")
        .stderr_has("users")
        .stderr_has("email")
        .stderr_has("--force")
        .run();
    assert!(p.applied_versions().is_empty());
    assert_eq!(
        p.value("select to_regclass('refinery_schema_history') is null"),
        "t",
        "a refused baseline created the history table"
    );

    p.schemagate(&["baseline", "2", "--force"])
        .status(0)
        .stderr_has("--force")
        .stderr_has("recorded 2 migration(s)")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
}

/// The expected schema file is written for the newest migration, or missing: a database at an
/// older version is checked against what the migrations up to that version build.
#[test]
fn baseline_of_an_older_version_checks_what_those_migrations_build() {
    let p = project();
    p.execute(USERS);

    // The file reflects version 2 (posts): the database at version 1 still qualifies. (The
    // helper also checks that the scratch database is gone.)
    let (_, stderr) = run_with_scratch(&p, p.schemagate(&["baseline", "1"]), 0);
    assert!(
        stderr.contains("the live schema satisfies the schema migrations up to version 1 build"),
        "{stderr}"
    );
    assert_eq!(p.applied_versions(), [1]);
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V2__posts.sql")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);

    // Without any expected schema file the check still happens, the same way.
    let other = Project::new();
    other.migration("V1__users.sql", USERS);
    other.migration("V2__posts.sql", POSTS);
    other.execute("create table users (id bigserial primary key);");
    let (_, stderr) = run_with_scratch(&other, other.schemagate(&["baseline", "1"]), 9);
    assert!(
        stderr.contains(
            "the live schema does not satisfy the schema migrations up to version 1 build"
        ) && stderr.contains("email"),
        "{stderr}"
    );
    assert!(other.applied_versions().is_empty());
}

#[test]
fn baseline_of_a_version_without_a_file_is_a_usage_error() {
    let p = project();
    p.execute(&format!("{USERS}\n{POSTS}"));
    p.schemagate(&["baseline", "7"])
        .status(2)
        .stderr_has(
            "baseline 7: no migration in migrations has version 7 (the newest is V2__posts.sql)",
        )
        .run();
    assert!(p.applied_versions().is_empty());
}

#[test]
fn repair_lists_an_intended_edit_asks_and_records_it_with_yes() {
    let p = Project::new();
    p.migration("V1__users.sql", USERS);
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    let before = p.value("select checksum from refinery_schema_history where version = 1");

    // An intended edit after the file was applied: IF NOT EXISTS, which changes a statement
    // (a comment alone is not an edit).
    p.migration(
        "V1__users.sql",
        &USERS.replace("create table users", "create table if not exists users"),
    );
    p.schemagate(&["deploy", "--no-backup"]).status(5).run();

    // Not on a terminal and no --yes: the change is listed, nothing is written.
    p.schemagate(&["repair"])
        .status(2)
        .stdout_has(&format!("V1__users.sql: checksum {before} -> "))
        .stderr_has("hint: pass --yes")
        .run();
    assert_eq!(
        p.value("select checksum from refinery_schema_history where version = 1"),
        before
    );

    p.schemagate(&["repair", "--yes"])
        .status(0)
        .stderr_has("repaired 1 history row(s)")
        .run();
    assert_ne!(
        p.value("select checksum from refinery_schema_history where version = 1"),
        before
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
    p.schemagate(&["repair", "--yes"])
        .status(0)
        .stdout_has("nothing to repair")
        .run();
}

/// V1 users, then V2 (no transaction) failing in its second statement after the first ran: the
/// next deploy refuses (exit 5).
fn part_way_failure() -> Project {
    let p = Project::new();
    p.migration("V1__users.sql", USERS);
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\n\
         CREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n\
         CREATE INDEX CONCURRENTLY ix_bad ON users (no_such_column);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("statements 1 to 1 of 2 ran")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("V2__ix.sql")
        .run();
    p
}

fn user_indexes(p: &Project) -> Vec<String> {
    p.column(
        "select indexname from pg_indexes where tablename = 'users' and indexname like 'ix_%' order by 1",
    )
}

#[test]
fn a_part_way_failure_fixed_with_idempotent_statements_runs_again_without_repair() {
    let p = part_way_failure();
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\n\
         CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_email ON users (email);\n\
         CREATE INDEX CONCURRENTLY IF NOT EXISTS ix_users_id_email ON users (id, email);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("V2__ix.sql failed part-way in the last run; its statements are idempotent, so it runs again")
        .stderr_has("applied V2__ix.sql")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(user_indexes(&p), ["ix_users_email", "ix_users_id_email"]);
}

#[test]
fn repair_clears_a_part_way_no_transaction_failure_so_the_fixed_file_runs_again() {
    let p = part_way_failure();
    // The runbook: look at the database (ix_users_email was made by the failed run), take out
    // what already ran, fix the rest, then clear the marker.
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\n\
         -- ix_users_email: created by the run that failed part-way\n\
         CREATE INDEX CONCURRENTLY ix_users_id_email ON users (id, email);\n",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(5).run();
    p.schemagate(&["repair"])
        .status(2)
        .stderr_has("V2__ix.sql failed part-way in the last run")
        .stderr_has("hint: pass --yes")
        .run();
    p.schemagate(&["deploy", "--no-backup"]).status(5).run();

    p.schemagate(&["repair", "--yes"])
        .status(0)
        .stderr_has("cleared V2__ix.sql: the next deploy runs it again")
        .run();
    p.schemagate(&["deploy", "--no-backup", "--", "sh", "-c", "echo started"])
        .status(0)
        .stderr_has("applied V2__ix.sql")
        .stdout_has("started")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(user_indexes(&p), ["ix_users_email", "ix_users_id_email"]);
}
