//! The words a new user reads in the first five minutes: the scratch database's progress is
//! not the user's database's, counts agree with their nouns, ages and times read as a person
//! says them, the backup directory is named where it is, and the shell gets completions.

use crate::commands::run_with_scratch;
use crate::support::cli::Project;

#[test]
fn snapshot_says_its_progress_is_the_scratch_databases() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let (_, stderr) = run_with_scratch(&p, p.schemagate(&["snapshot"]), 0);
    assert!(
        stderr.contains("schemagate: scratch database: applied V1__users.sql"),
        "{stderr}"
    );
    assert!(stderr.contains("(1 table, 0 enums)"), "{stderr}");
    assert!(p.tables().is_empty());
}

#[test]
fn status_shows_times_to_the_second_and_backups_their_age_in_words() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    p.schemagate(&["deploy"]).status(0).run();
    let out = p.schemagate(&["status"]).status(0).run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.contains("V1__users  applied "))
        .unwrap_or_else(|| panic!("{stdout}"));
    let when = line.rsplit(' ').next().unwrap();
    assert_eq!(when.len(), "2026-12-06T09:59:17Z".len(), "{line}");
    assert!(when.ends_with('Z') && !when.contains('.'), "{line}");
    p.schemagate(&["backups"])
        .status(0)
        .stdout_has("just now")
        .stdout_lacks("0h ago")
        .run();
}

#[test]
fn plan_names_the_backup_directory_where_it_is() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let dir = std::fs::canonicalize(p.path()).unwrap().join("backups");
    p.schemagate(&["plan"])
        .status(0)
        .stdout_has(&format!("backup: yes, into {}", dir.display()))
        .run();
}

#[test]
fn completions_and_the_man_page_come_from_the_command_line_itself() {
    let p = Project::new();
    p.schemagate(&["completions", "bash"])
        .status(0)
        .stdout_has("_schemagate()")
        .stdout_has("--lock-timeout")
        .run();
    p.schemagate(&["completions", "zsh"])
        .status(0)
        .stdout_has("#compdef schemagate")
        .run();
    p.schemagate(&["man"])
        .status(0)
        .stdout_has(".TH schemagate 1")
        .stdout_has("completions")
        .run();
    p.schemagate(&["completions", "tcsh"]).status(2).run();
}

#[test]
fn a_failed_statement_the_server_gives_no_position_for_is_named_by_its_line() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int primary key);\n");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    // "already exists" and a violated key carry no position: the statement is found from the
    // statements that completed before it.
    p.migration(
        "V2__b.sql",
        "-- two tables\ncreate table b (id int);\n\n  create table a (id int);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("V2__b.sql:4:3: relation \"a\" already exists")
        .run();
    p.migration(
        "V2__b.sql",
        "insert into a values (1);\ninsert into a values (2);\ninsert into a\n  values (1);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("V2__b.sql:3:1: duplicate key value violates unique constraint")
        .run();
    // With a position from the server, that one still decides.
    p.migration("V2__b.sql", "select 1;\nselect nope from a;\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("V2__b.sql:2:8: column \"nope\" does not exist")
        .run();
    assert_eq!(p.applied_versions(), [1]);
}

#[test]
fn check_shows_its_findings_then_a_diff_of_only_what_differs() {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigint not null, name text, email text not null);\n\
         create table posts (id int not null);\n",
    );
    // As sqlalchemy-expected-schema or a person writes it: columns in model order, `*` specs.
    p.file(
        "migrations/expected_schema.toml",
        "version = 1\n\n\
         [tables.users]\n\
         columns = { name = \"text null\", email = \"*\", id = \"bigint not null\" }\n\n\
         [tables.posts]\n\
         columns = { id = \"bigint not null\" }\n",
    );
    let out = p.schemagate(&["check"]).status(9).run();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let finding = stdout
        .find("posts.id")
        .unwrap_or_else(|| panic!("no finding:\n{stdout}"));
    let diff = stdout
        .find(" [tables.posts]\n-columns = { id = \"bigint not null\" }\n+columns = { id = \"integer not null\" }")
        .unwrap_or_else(|| panic!("no diff of posts:\n{stdout}"));
    assert!(finding < diff, "findings come first:\n{stdout}");
    assert!(
        !stdout.contains("users"),
        "users does not differ:\n{stdout}"
    );
}

#[test]
fn a_doubled_semicolon_is_not_a_statement_of_its_own() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);;\n");
    p.migration(
        "V2__b.sql",
        "-- schemagate:no-transaction\ncreate index concurrently if not exists ia on a (id);;\n",
    );
    // The second `;` was judged as a statement that cannot run twice, and printed as one.
    p.schemagate(&["lint", "--all"])
        .status(0)
        .stderr_lacks("non-idempotent")
        .stderr_lacks("\n  ;\n")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks("non-idempotent")
        .stderr_has("applied V2__b.sql outside the transaction (1 statements)")
        .run();
}
