//! The gate as a whole, through the CLI: the incidents it exists to prevent (issues 3 and 5),
//! every deny rule against existing objects, no-transaction migrations, lock retries, and each
//! verification finding.

use crate::support::cli::Project;

const APP: [&str; 4] = ["--", "sh", "-c", "echo started"];

fn deploy<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["deploy"];
    args.extend_from_slice(extra);
    args.extend_from_slice(&APP);
    args
}

/// Everything a refused run must leave untouched.
fn state(p: &Project) -> (Vec<String>, Vec<i32>, Vec<String>) {
    let tables = p.user_tables();
    let counts = tables
        .iter()
        .map(|t| format!("{t}={}", p.value(&format!("select count(*) from \"{t}\""))))
        .collect();
    (tables, p.applied_versions(), counts)
}

fn no_backup_files(p: &Project) {
    let dir = p.path().join("backups");
    let n = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
    assert_eq!(n, 0, "a backup was taken in {}", dir.display());
}

#[test]
fn journey_templates_drop_is_refused_and_nothing_changes() {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigserial primary key, email text not null);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["snapshot", "--from-live"]).status(0).run();
    p.execute(
        "create table journey_templates (id int primary key, name text);
         insert into journey_templates values (1, 'onboarding'), (2, 'winback');",
    );
    p.migration(
        "V2__invites.sql",
        "create table invite_codes (code text primary key);\n\nDROP TABLE journey_templates;\n",
    );
    let before = state(&p);
    p.schemagate(&deploy(&[]))
        .status(6)
        .stderr_has("V2__invites.sql:3")
        .stderr_has("ban-drop-table")
        .stderr_has("-- squawk-ignore ban-drop-table")
        .stderr_has("journey_templates")
        .stdout_lacks("started")
        .run();
    assert_eq!(state(&p), before);
    assert!(!p.user_tables().contains(&"invite_codes".to_string()));
    assert_eq!(
        p.column("select name from journey_templates order by id"),
        ["onboarding", "winback"]
    );
    no_backup_files(&p);
}

#[test]
fn unmanaged_table_is_a_deploy_warning() {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigint primary key);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["snapshot", "--from-live"]).status(0).run();
    p.execute("create table journey_templates (id int primary key);");
    p.schemagate(&deploy(&[]))
        .status(0)
        .stderr_has("journey_templates")
        .stdout_has("started")
        .run();
}

#[test]
fn if_exists_guard_that_did_nothing_fails_verification() {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigint primary key);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__nickname.sql",
        "DO $$ BEGIN IF EXISTS (select 1 from pg_tables where tablename='nonexistent') THEN \
         ALTER TABLE users ADD COLUMN nickname text; END IF; END $$;",
    );
    p.file(
        "migrations/expected_schema.toml",
        "[tables.users]\ncolumns = { id = \"bigint not null\", nickname = \"text null\" }\n",
    );
    let before = state(&p);
    p.schemagate(&deploy(&["--no-backup"]))
        .status(9)
        .stderr_has("users.nickname")
        .stderr_has("V2__nickname.sql")
        .stdout_lacks("started")
        .run();
    assert_eq!(state(&p), before);
    assert_eq!(p.applied_versions(), [1]);
}

#[test]
fn an_intended_drop_with_its_ignore_comment_is_applied() {
    let p = Project::new();
    p.migration(
        "V1__t.sql",
        "create table users (id int); create table old_stuff (id int);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute("insert into old_stuff values (1)");
    p.migration(
        "V2__drop.sql",
        "-- squawk-ignore ban-drop-table\nDROP TABLE old_stuff;\n",
    );
    p.schemagate(&deploy(&["--no-backup"]))
        .status(0)
        .stdout_has("started")
        .stderr_lacks("verification failed")
        .run();
    assert_eq!(p.user_tables(), ["users"]);
    assert_eq!(p.applied_versions(), [1, 2]);
}

#[test]
fn each_deny_rule_refuses_on_existing_objects_and_its_ignore_allows_it() {
    // (rule for the ignore comment, statement, text expected in the refusal)
    let cases = [
        ("ban-drop-column", "ALTER TABLE users DROP COLUMN email;"),
        ("ban-truncate-cascade", "TRUNCATE users CASCADE;"),
        ("SEARCH", "TRUNCATE users;"),
        ("SEARCH", "DELETE FROM users;"),
        ("ban-drop-schema", "DROP SCHEMA extra CASCADE;"),
        ("renaming-table", "ALTER TABLE users RENAME TO people;"),
        (
            "renaming-column",
            "ALTER TABLE users RENAME COLUMN email TO mail;",
        ),
        (
            "changing-column-type",
            "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);",
        ),
        ("ban-drop-database", "DROP DATABASE some_other_db;"),
    ];
    for (rule, stmt) in cases {
        let p = Project::new();
        p.migration(
            "V1__users.sql",
            "create schema extra; create table extra.t (id int);
             create table users (id int primary key, email text);",
        );
        p.schemagate(&["deploy", "--no-backup"]).status(0).run();
        p.execute("insert into users values (1, 'a@example.com'), (2, 'b@example.com')");
        p.migration("V2__change.sql", &format!("{stmt}\n"));
        let before = state(&p);
        let out = p
            .schemagate(&deploy(&[]))
            .status(6)
            .stderr_has("V2__change.sql:1")
            .stderr_has("squawk-ignore")
            .stdout_lacks("started")
            .run();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let rule = if rule == "SEARCH" {
            // The rule name is whatever the refusal names: take it from the ignore hint.
            let at = stderr
                .find("-- squawk-ignore ")
                .unwrap_or_else(|| panic!("{stmt}: no ignore hint in {stderr}"));
            stderr[at + 17..]
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .next()
                .unwrap()
                .to_string()
        } else {
            assert!(
                stderr.contains(rule),
                "{stmt}: {rule} not named in {stderr}"
            );
            rule.to_string()
        };
        assert_eq!(state(&p), before, "{stmt} changed something");
        assert_eq!(
            p.value("select count(*) from pg_namespace where nspname = 'extra'"),
            "1"
        );
        no_backup_files(&p);

        p.migration(
            "V2__change.sql",
            &format!("-- squawk-ignore {rule}\n{stmt}\n"),
        );
        let expect = if stmt.starts_with("DROP DATABASE") {
            // Allowed as a drop, but it cannot run in the transaction: the marker is required.
            6
        } else {
            0
        };
        p.schemagate(&deploy(&["--no-backup"]))
            .status(expect)
            .stderr_lacks("verification failed")
            .run();
        if expect == 0 {
            assert_eq!(p.applied_versions(), [1, 2], "{stmt}");
        }
    }
}
