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
