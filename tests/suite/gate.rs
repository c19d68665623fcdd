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
        .stderr_has("warning: unmanaged table journey_templates")
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
fn an_intended_drop_of_a_table_outside_public_named_without_its_schema_is_applied() {
    let p = Project::new();
    p.execute("create schema app");
    p.alter_database("set search_path = app, public");
    p.migration(
        "V1__app.sql",
        "create table users (id int); create table old_stuff (id int);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__drop.sql",
        "-- squawk-ignore ban-drop-table\nDROP TABLE old_stuff;\n",
    );
    // The drop is judged and allowed as app.old_stuff, the table the database has: the
    // vanished-table check must accept it too, not look for public.old_stuff.
    p.schemagate(&deploy(&["--no-backup"]))
        .status(0)
        .stdout_has("started")
        .stderr_lacks("verification failed")
        .run();
    assert_eq!(
        p.value(
            "select string_agg(tablename, ',' order by tablename) from pg_tables \
             where schemaname = 'app' and tablename in ('users', 'old_stuff')"
        ),
        "users"
    );
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

#[test]
fn drop_of_a_table_created_earlier_in_the_same_run_is_not_refused() {
    let p = Project::new();
    p.migration("V1__tmp.sql", "create table tmp (id int, note text);");
    p.migration(
        "V2__reshape.sql",
        "alter table tmp rename column note to body;\nalter table tmp drop column body;\ntruncate tmp;",
    );
    p.migration(
        "V3__drop.sql",
        "DROP TABLE tmp;\ncreate table users (id int);",
    );
    p.schemagate(&deploy(&["--no-backup"]))
        .status(0)
        .stdout_has("started")
        .run();
    assert_eq!(p.user_tables(), ["users"]);
    assert_eq!(p.applied_versions(), [1, 2, 3]);
}

#[test]
fn warn_rule_proceeds_config_can_deny_it_and_unknown_rules_are_config_errors() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int, email text);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__ix.sql",
        "CREATE INDEX ix_users_email ON users (email);",
    );

    p.file(
        "schemagate.toml",
        "[lint]\nrequire-concurrent-index-creation = \"deny\"\n",
    );
    p.schemagate(&deploy(&["--no-backup"]))
        .status(6)
        .stderr_has("require-concurrent-index-creation")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.applied_versions(), [1]);

    p.file("schemagate.toml", "[lint]\nno-such-rule = \"deny\"\n");
    p.schemagate(&deploy(&["--no-backup"]))
        .status(2)
        .stderr_has("no-such-rule")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.applied_versions(), [1]);

    std::fs::remove_file(p.path().join("schemagate.toml")).unwrap();
    p.schemagate(&deploy(&["--no-backup"]))
        .status(0)
        .stderr_has("warning")
        .stderr_has("require-concurrent-index-creation")
        .stdout_has("started")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
}

#[test]
fn unparsable_sql_is_a_lint_error_and_a_deploy_warning_postgres_decides() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__bad.sql",
        "alter table users add column a int;\nselec 1 frm users;\n",
    );
    p.schemagate(&["lint", "migrations/V2__bad.sql"])
        .status(6)
        .stderr_has("V2__bad.sql:2")
        .run();
    p.schemagate(&deploy(&["--no-backup"]))
        .status(8)
        .stderr_has("warning")
        .stderr_has("V2__bad.sql:2:1")
        .stderr_has("syntax error")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.applied_versions(), [1]);
    assert_eq!(
        p.value("select count(*) from information_schema.columns where table_name = 'users'"),
        "1"
    );
}

#[test]
fn concurrent_index_needs_the_marker_and_is_valid_with_it() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int, email text);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__ix.sql",
        "CREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n",
    );
    p.schemagate(&deploy(&["--no-backup"]))
        .status(6)
        .stderr_has("V2__ix.sql:1")
        .stderr_has("-- schemagate:no-transaction")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.applied_versions(), [1]);

    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\nCREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n",
    );
    p.schemagate(&deploy(&["--no-backup"]))
        .status(0)
        .stdout_has("started")
        .run();
    assert_eq!(
        p.value(
            "select i.indisvalid from pg_index i join pg_class c on c.oid = i.indexrelid \
             where c.relname = 'ix_users_email'"
        ),
        "t"
    );
    assert_eq!(p.applied_versions(), [1, 2]);
}

#[test]
fn no_transaction_migration_failing_in_its_second_statement() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int, email text);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\n\
         CREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n\
         CREATE INDEX CONCURRENTLY ix_bad ON users (no_such_column);\n",
    );
    p.schemagate(&deploy(&["--no-backup"]))
        .status(8)
        .stderr_has("V2__ix.sql:3")
        .stderr_has("no_such_column")
        .stderr_has("statements 1 to 1 of 2 ran")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.applied_versions(), [1]);
    assert_eq!(
        p.value("select count(*) from pg_class where relname = 'ix_users_email'"),
        "1"
    );
}

#[test]
fn next_deploy_after_a_part_way_no_transaction_failure_refuses_with_a_hint() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int, email text);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\n\
         CREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n\
         CREATE INDEX CONCURRENTLY ix_bad ON users (no_such_column);\n",
    );
    p.schemagate(&deploy(&["--no-backup"])).status(8).run();
    p.schemagate(&deploy(&["--no-backup"]))
        .status(5)
        .stderr_has("V2__ix.sql")
        .stderr_has("hint")
        .stderr_has("repair")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.applied_versions(), [1]);
}

/// A second connection that holds `LOCK TABLE users IN ACCESS EXCLUSIVE MODE` in an open
/// transaction, releasing it after `hold` by rolling back.
fn hold_users_lock(p: &Project, hold: std::time::Duration) -> std::thread::JoinHandle<()> {
    let url = p.db.url.clone();
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let handle = std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let c = crate::support::connect(&url).await;
            c.batch_execute("BEGIN; LOCK TABLE users IN ACCESS EXCLUSIVE MODE;")
                .await
                .unwrap();
            ready_tx.send(()).unwrap();
            tokio::time::sleep(hold).await;
            c.batch_execute("ROLLBACK").await.unwrap();
        });
    });
    ready_rx.recv().unwrap();
    handle
}

#[test]
fn lock_timeout_is_retried_then_exhausted_or_succeeds_when_released() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration("V2__x.sql", "ALTER TABLE users ADD COLUMN x int;");

    let args = deploy(&[
        "--no-backup",
        "--lock-timeout",
        "200ms",
        "--lock-retries",
        "2",
    ]);
    // Held longer than the two retries take (about 3 s), released afterwards.
    let blocker = hold_users_lock(&p, std::time::Duration::from_secs(8));
    let started = std::time::Instant::now();
    p.schemagate(&args)
        .status(8)
        .stderr_has("retry 1 of 2")
        .stderr_has("retry 2 of 2")
        .stderr_has("after 2 retries")
        .stderr_has("V2__x.sql")
        .stdout_lacks("started")
        .run();
    assert!(started.elapsed() < std::time::Duration::from_secs(8));
    assert_eq!(p.applied_versions(), [1]);
    assert_eq!(
        p.value("select count(*) from information_schema.columns where table_name = 'users'"),
        "1"
    );
    blocker.join().unwrap();

    let blocker = hold_users_lock(&p, std::time::Duration::from_secs(1));
    p.schemagate(&args)
        .status(0)
        .stderr_has("retry 1 of 2")
        .stdout_has("started")
        .run();
    blocker.join().unwrap();
    assert_eq!(p.applied_versions(), [1, 2]);
}

#[test]
fn verify_reports_each_finding_through_the_cli() {
    let p = Project::new();
    p.migration(
        "V1__schema.sql",
        "create type mood as enum ('happy', 'sad');
         create table users (id bigint primary key, email text not null, bio text);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();

    // Without the file: exit 2 with the hint.
    p.schemagate(&["verify"])
        .status(2)
        .stderr_has("schemagate snapshot")
        .run();

    p.file(
        "migrations/expected_schema.toml",
        r#"
[tables.users]
columns = { id = "bigint not null", email = "integer not null", bio = "text not null", nickname = "text" }
indexes = ["users_pkey", "ix_users_email"]

[tables.posts]
columns = { id = "*" }

[enums.mood]
values = ["happy", "sad", "meh"]
"#,
    );
    p.schemagate(&["verify"])
        .status(9)
        .stderr_has("does not match")
        .stdout_has("missing table posts")
        .stdout_has("missing column users.nickname")
        .stdout_has("wrong type for column users.email: expected integer, found text")
        .stdout_has("wrong nullability for column users.bio")
        .stdout_has("missing index ix_users_email")
        .stdout_has("missing value \"meh\" in enum type mood")
        .run();
    let out = p.schemagate(&["verify", "--json"]).status(9).run();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "verify --json: {e}: {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    let text = json.to_string();
    for needle in ["posts", "nickname", "ix_users_email", "meh"] {
        assert!(text.contains(needle), "{needle} not in {text}");
    }

    // A clean file: verify passes; a table made by hand fails only with --strict.
    p.file(
        "migrations/expected_schema.toml",
        "[tables.users]\ncolumns = { id = \"bigint not null\", email = \"text not null\", bio = \"text null\" }\n",
    );
    p.schemagate(&["verify"]).status(0).run();
    p.execute("create table by_hand (id int)");
    p.schemagate(&["verify"])
        .status(0)
        .stdout_has("by_hand")
        .run();
    p.schemagate(&["verify", "--strict"])
        .status(9)
        .stdout_has("by_hand")
        .run();
}
