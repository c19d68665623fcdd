//! The history check: edited, missing, duplicate, misnamed and out-of-order files stop the
//! deploy with exit 5 and change nothing; `status` shows the same picture.

use crate::support::cli::Project;

/// A project with V1 and V2 applied.
fn applied_project() -> Project {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);\n");
    p.migration("V2__posts.sql", "create table posts (id int);\n");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.applied_versions(), [1, 2]);
    p
}

/// What a failed history check must leave behind: exactly what was there.
fn assert_unchanged(p: &Project, runs_before: &str) {
    assert_eq!(p.user_tables(), ["posts", "users"]);
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(
        p.value("select count(*) from schemagate_runs where outcome = 'applied'"),
        runs_before
    );
}

#[test]
fn an_edited_applied_file_is_refused_with_the_repair_hint() {
    let p = applied_project();
    p.migration("V1__users.sql", "create table users (id bigint);\n");
    p.migration("V3__extra.sql", "create table extra (id int);\n");
    p.schemagate(&["deploy", "--no-backup", "--", "sh", "-c", "echo started"])
        .status(5)
        .stderr_has("V1__users.sql: edited after it was applied")
        .stderr_has("checksum")
        .stderr_has("schemagate repair")
        .stdout_lacks("started")
        .run();
    assert_unchanged(&p, "1");
}

#[test]
fn a_deleted_applied_file_is_reported_missing() {
    let p = applied_project();
    std::fs::remove_file(p.path().join("migrations/V2__posts.sql")).unwrap();
    p.migration("V3__extra.sql", "create table extra (id int);\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("V2__posts.sql: applied on")
        .stderr_has("the file is missing")
        .run();
    assert_unchanged(&p, "1");
}

#[test]
fn a_new_file_below_the_newest_applied_version_is_out_of_order() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);\n");
    p.migration("V3__c.sql", "create table c (id int);\n");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration("V2__b.sql", "create table b (id int);\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("V2__b.sql: not applied, but its version is below the newest applied version 3")
        .stderr_has("hint: renumber")
        .run();
    assert_eq!(p.user_tables(), ["a", "c"]);
    assert_eq!(p.applied_versions(), [1, 3]);
}

#[test]
fn two_files_with_one_version_are_refused_before_connecting() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);\n");
    p.migration("V2__a.sql", "create table b1 (id int);\n");
    p.migration("V2__b.sql", "create table b2 (id int);\n");
    p.migration("V2__c.sql", "create table b3 (id int);\n");
    // Three files with one version are one problem, not two overlapping pairs.
    let out = p
        .schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("version 2 is used by more than one file: V2__a.sql, V2__b.sql, V2__c.sql\n")
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("version 2 is used").count(), 1, "{stderr}");
    assert!(p.tables().is_empty(), "tables: {:?}", p.tables());

    // Before connecting: an unreachable database changes nothing about the answer.
    p.schemagate(&["deploy", "--no-backup", "--wait", "1s"])
        .env("DATABASE_URL", "postgres://postgres@127.0.0.1:1/nothing")
        .status(5)
        .stderr_has("version 2 is used by more than one file")
        .stderr_lacks("waiting for")
        .run();
}

#[test]
fn badly_named_sql_files_are_refused() {
    for (file, cause) in [
        ("2__x.sql", "V{version}__{name}.sql"),
        ("V3_x.sql", "two underscores"),
        ("V20240101120000__ts.sql", "32-bit"),
        ("V4__bad-name.sql", "letters, digits and underscores"),
        ("Vx__y.sql", "whole number"),
    ] {
        let p = Project::new();
        p.migration("V1__a.sql", "create table a (id int);\n");
        p.migration(file, "create table b (id int);\n");
        p.schemagate(&["deploy", "--no-backup"])
            .status(5)
            .stderr_has(&format!("{file}: bad migration name"))
            .stderr_has(cause)
            .run();
        assert!(p.tables().is_empty(), "{file}: tables {:?}", p.tables());
    }
}

#[test]
fn a_crlf_only_change_is_not_an_edit() {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (\n  id int\n);\n-- done\n",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration(
        "V1__users.sql",
        "create table users (\r\n  id int\r\n);\r\n-- done\r\n",
    );
    p.migration("V2__posts.sql", "create table posts (id int);\r\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V2__posts.sql")
        .stderr_lacks("edited")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);

    // And back again: LF after a CRLF deploy is still the same file.
    p.migration("V2__posts.sql", "create table posts (id int);\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
}

#[test]
fn a_non_utf8_file_is_a_file_error_naming_it() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);\n");
    std::fs::write(
        p.path().join("migrations/V2__latin1.sql"),
        b"insert into a values (1); -- caf\xe9\n",
    )
    .unwrap();
    p.schemagate(&["deploy", "--no-backup"])
        .status(2)
        .stderr_has("V2__latin1.sql")
        .stderr_has("not UTF-8")
        .run();
    assert!(p.tables().is_empty());
}

#[test]
fn a_migration_that_is_no_regular_file_is_refused_not_read() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);\n");
    let fifo = p.path().join("migrations/V2__pipe.sql");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // Reading a FIFO with no writer never returns: the deploy must refuse it, not wait.
    let mut running = p.schemagate(&["deploy", "--no-backup"]).start();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while !running.exited() {
        if std::time::Instant::now() > deadline {
            running.signal(libc::SIGKILL);
            panic!("deploy hung on a FIFO named like a migration");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let (code, _, stderr) = running.finish();
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("V2__pipe.sql: not a regular file"),
        "{stderr}"
    );
    assert!(p.tables().is_empty());
}

#[test]
fn the_history_stays_where_it_is_when_the_first_schema_of_the_search_path_appears() {
    let p = Project::new();
    // `app` does not exist at the first deploy, so the history goes to public; V1 creates it.
    p.alter_database("set search_path = app, public");
    p.migration(
        "V1__app.sql",
        "create schema app; create table app.users (id int);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration("V2__notes.sql", "create table notes (id int);");
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V2__notes.sql")
        .stderr_lacks("V1__app.sql")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
    // One history, where the first deploy put it, and one run log (created after V1 committed,
    // so in app).
    assert_eq!(
        p.value(
            "select string_agg(schemaname || '.' || tablename, ',' order by tablename) from pg_tables \
             where tablename in ('refinery_schema_history', 'schemagate_runs')"
        ),
        "public.refinery_schema_history,app.schemagate_runs"
    );
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(p.value("select count(*) from schemagate_runs"), "3");
}

#[test]
fn a_search_path_without_any_existing_schema_is_postgresqls_own_clear_error() {
    let p = Project::new();
    p.alter_database("set search_path = nowhere");
    p.migration("V1__a.sql", "create table a (id int);");
    p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("no schema has been selected to create in")
        .stderr_lacks("null values cannot be formatted")
        .run();
    p.alter_database("reset search_path");
    assert_eq!(p.user_tables(), Vec::<String>::new());
    assert_eq!(p.applied_versions(), Vec::<i32>::new());
}

#[test]
fn hidden_files_and_directories_are_skipped() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);\n");
    p.migration(".hidden.sql", "create table hidden (id int);\n");
    p.migration("..data/V9__x.sql", "create table x (id int);\n");
    p.migration(".git/V8__y.sql", "create table y (id int);\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V1__a.sql")
        .stderr_lacks("V9__x")
        .run();
    assert_eq!(p.user_tables(), ["a"]);
    assert_eq!(p.applied_versions(), [1]);
}

#[test]
fn status_lists_applied_and_pending() {
    let p = applied_project();
    p.migration("V3__comments.sql", "create table comments (id int);\n");
    let today = p.value("select to_char(now(), 'YYYY-MM-DD')");
    p.schemagate(&["status"])
        .status(0)
        .stdout_has("applied: 2")
        .stdout_has("V1__users")
        .stdout_has("V2__posts")
        .stdout_has(&today)
        .stdout_has("pending: 1")
        .stdout_has("V3__comments.sql")
        .run();

    let out = p.schemagate(&["status", "--json"]).status(0).run();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let applied = json["applied"].as_array().unwrap();
    assert_eq!(applied.len(), 2);
    assert_eq!(applied[0]["version"], 1);
    assert_eq!(applied[0]["name"], "users");
    assert_eq!(applied[1]["version"], 2);
    assert_eq!(applied[1]["name"], "posts");
    assert!(
        applied[0]["applied_on"].as_str().unwrap().contains(&today),
        "{json}"
    );
    assert_eq!(json["pending"], serde_json::json!(["V3__comments.sql"]));
    assert_eq!(json["problems"], serde_json::json!([]));
    // status changes nothing.
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(p.user_tables(), ["posts", "users"]);
}

#[test]
fn status_shows_the_last_runs_plainly_with_why_one_failed() {
    let p = applied_project();
    p.migration("V3__broken.sql", "alter table nope add column x int;\n");
    p.schemagate(&["deploy", "--no-backup"]).status(8).run();
    p.schemagate(&["status"])
        .status(0)
        .stdout_has("last runs:\n")
        .stdout_has("  v2 -> v2  failed (exit 8)")
        .stdout_has("\n    V3__broken.sql:1:1: relation \"nope\" does not exist\n")
        .stdout_has("  none -> v2  applied")
        // Not JSON values: no quoted timestamps, no nulls.
        .stdout_lacks("  \"20")
        .stdout_lacks("null")
        .run();
    let out = p.schemagate(&["status", "--json"]).status(0).run();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let last = &json["last_runs"][0];
    assert_eq!(last["from_version"], 2, "{json}");
    assert_eq!(last["outcome"], "failed (exit 8)", "{json}");
    assert!(
        last["message"].as_str().unwrap().contains("V3__broken.sql"),
        "{json}"
    );
}

#[test]
fn status_lists_an_edited_file_as_a_problem_and_exits_5() {
    let p = applied_project();
    p.migration("V2__posts.sql", "create table posts (id bigint);\n");
    p.schemagate(&["status"])
        .status(5)
        .stdout_has("problems:")
        .stdout_has("V2__posts.sql: edited after it was applied")
        .run();
    let out = p.schemagate(&["status", "--json"]).status(5).run();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let problems = json["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{json}");
    assert_eq!(problems[0]["problem"]["kind"], "edited");
    assert_eq!(problems[0]["problem"]["file"], "V2__posts.sql");
    assert_unchanged(&p, "1");
}

#[test]
fn log_format_json_prints_json_lines_on_stderr() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);\n");
    let out = p
        .schemagate(&["--log-format", "json", "deploy", "--no-backup"])
        .status(0)
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(!lines.is_empty(), "no log lines");
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}\n{stderr}"));
        assert!(v.is_object(), "{line}");
    }
    assert!(stderr.contains("V1__a.sql"), "{stderr}");

    // A failure is a JSON line too.
    p.migration("V2__b.sql", "selec 1;\n");
    let out = p
        .schemagate(&["deploy", "--no-backup"])
        .env("SCHEMAGATE_LOG_FORMAT", "json")
        .status(8)
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    for line in stderr.lines().filter(|l| !l.trim().is_empty()) {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("not a JSON line ({e}): {line}\n{stderr}"));
    }
    assert!(stderr.contains("V2__b.sql"), "{stderr}");
}

#[test]
fn a_file_name_that_is_not_utf8_is_named_in_the_error() {
    use std::os::unix::ffi::OsStrExt;
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);\n");
    let name = std::ffi::OsStr::from_bytes(b"V2__caf\xe9.sql");
    std::fs::write(
        p.path().join("migrations").join(name),
        "create table b (id int);\n",
    )
    .unwrap();
    p.schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("V2__caf\u{fffd}.sql: bad migration name")
        .run();
    assert!(p.tables().is_empty());
}

#[test]
fn status_and_plan_on_a_fresh_database_create_nothing() {
    let p = Project::new();
    p.migration("V1__a.sql", "create table a (id int);\n");
    p.schemagate(&["status"])
        .status(0)
        .stdout_has("applied: 0")
        .stdout_has("pending: 1")
        .stdout_has("V1__a.sql")
        .run();
    let out = p.schemagate(&["status", "--json"]).status(0).run();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["applied"], serde_json::json!([]));
    assert_eq!(json["pending"], serde_json::json!(["V1__a.sql"]));
    p.schemagate(&["plan"])
        .status(0)
        .stdout_has("V1__a.sql")
        .run();
    assert!(p.tables().is_empty(), "tables: {:?}", p.tables());
}

#[test]
fn a_renamed_applied_file_and_every_other_problem_are_reported_together() {
    let p = applied_project();
    std::fs::rename(
        p.path().join("migrations/V2__posts.sql"),
        p.path().join("migrations/V2__articles.sql"),
    )
    .unwrap();
    p.migration("V1__users.sql", "create table users (id bigint);\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("V2__articles.sql: version 2 was applied under the name \"posts\"")
        .stderr_has("V1__users.sql: edited after it was applied")
        .run();
    assert_unchanged(&p, "1");
}

#[test]
fn a_comment_only_edit_of_an_applied_file_is_recorded_once_and_deploys() {
    let p = applied_project();
    let v1_checksum = p.value("select checksum from refinery_schema_history where version = 1");
    // The comment lint's own hint suggests, and a re-indented statement: no statement changed.
    p.migration(
        "V1__users.sql",
        "-- squawk-ignore ban-drop-table\ncreate table users (\n    id int -- the key\n);\n",
    );
    p.migration("V3__extra.sql", "create table extra (id int);\n");
    p.schemagate(&["status"])
        .status(0)
        .stdout_lacks("edited")
        .stderr_has("V1__users.sql changed only in comments or whitespace; a deploy records its new checksum")
        .run();
    p.schemagate(&["plan"])
        .status(0)
        .stdout_lacks("edited")
        .stderr_has("V1__users.sql changed only in comments or whitespace; a deploy records its new checksum")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("V1__users.sql changed only in comments or whitespace; its recorded checksum was updated")
        .stderr_has("applied V3__extra.sql")
        .run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);
    assert_ne!(
        p.value("select checksum from refinery_schema_history where version = 1"),
        v1_checksum,
        "refinery's checksum is the file's now"
    );
    // Said once: the history now agrees with the file.
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .stderr_lacks("changed only in comments")
        .run();
    // A real edit after a comment-only one is still an edit.
    p.migration(
        "V1__users.sql",
        "-- squawk-ignore ban-drop-table\ncreate table users (\n    id bigint -- the key\n);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("V1__users.sql: edited after it was applied")
        .run();
}

#[test]
fn a_changed_statement_with_changed_comments_is_still_an_edit() {
    let p = applied_project();
    p.migration(
        "V2__posts.sql",
        "-- posts, with a title\ncreate table posts (id int, title text);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("V2__posts.sql: edited after it was applied")
        .stderr_lacks("changed only in comments")
        .run();
    assert_unchanged(&p, "1");
}

#[test]
fn the_history_stays_readable_by_refinery_with_the_statement_checksum_beside_it() {
    let p = applied_project();
    // refinery reads and writes these four columns by name; the fifth is schemagate's.
    assert_eq!(
        p.column(
            "select attname from pg_attribute where attrelid = 'refinery_schema_history'::regclass \
             and attnum > 0 and not attisdropped order by attnum"
        ),
        [
            "version",
            "name",
            "applied_on",
            "checksum",
            "schemagate_statements_checksum"
        ]
    );
    assert_eq!(
        p.value("select count(*) from refinery_schema_history where schemagate_statements_checksum ~ '^[0-9]+$'"),
        "2"
    );
    // A row written as refinery writes it, naming its four columns, still goes in.
    p.execute(
        "insert into refinery_schema_history (version, name, applied_on, checksum) \
         values (3, 'by_refinery', '2026-01-01T00:00:00Z', '1')",
    );
}

#[test]
fn a_database_recorded_before_the_statement_checksum_learns_it_and_then_takes_comment_edits() {
    let p = applied_project();
    // As a database schemagate recorded before it kept the column (or refinery itself) has it.
    p.execute("alter table refinery_schema_history drop column schemagate_statements_checksum");
    p.schemagate(&["status"]).status(0).run();
    // The next deploy records the statement checksums of the unchanged files, quietly.
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .stderr_lacks("checksum")
        .run();
    assert_eq!(
        p.value("select count(*) from refinery_schema_history where schemagate_statements_checksum is not null"),
        "2"
    );
    p.migration(
        "V2__posts.sql",
        "/* posts */\ncreate table posts (id int);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("V2__posts.sql changed only in comments or whitespace")
        .run();
}

#[test]
fn a_comment_edit_on_a_database_without_statement_checksums_is_an_edit_until_repaired() {
    let p = applied_project();
    p.execute("alter table refinery_schema_history drop column schemagate_statements_checksum");
    p.migration(
        "V2__posts.sql",
        "/* posts */\ncreate table posts (id int);\n",
    );
    // Nothing recorded says what the statements were: it cannot be told from a real edit.
    p.schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("V2__posts.sql: edited after it was applied")
        .run();
    p.schemagate(&["repair", "--yes"]).status(0).run();
    assert_eq!(
        p.value("select count(*) from refinery_schema_history where schemagate_statements_checksum is not null"),
        "1",
        "repair records the statement checksum of what it accepts"
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
}

#[test]
fn many_files_changed_only_in_their_headers_are_said_in_one_line() {
    let p = Project::new();
    for v in 1..=8 {
        p.migration(
            &format!("V{v}__t{v}.sql"),
            &format!(
                "-- from: /home/ann/app/alembic/versions/{v}.py\ncreate table t{v} (id int);\n"
            ),
        );
    }
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    // What a converter that wrote absolute paths did when run from another checkout.
    for v in 1..=8 {
        p.migration(
            &format!("V{v}__t{v}.sql"),
            &format!("-- from: alembic/versions/{v}.py\ncreate table t{v} (id int);\n"),
        );
    }
    let out = p
        .schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("V1__t1.sql, ..., V8__t8.sql (8 files) changed only in comments or whitespace; their recorded checksums were updated")
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.matches("changed only in comments").count(),
        1,
        "{stderr}"
    );
}

/// A role dropped when the test ends (after its database, which is dropped first).
struct RoleGuard(String);

impl Drop for RoleGuard {
    fn drop(&mut self) {
        let p = Project::new();
        p.execute(&format!("DROP ROLE IF EXISTS {}", self.0));
    }
}

#[test]
fn a_deploy_role_that_cannot_alter_the_history_table_deploys_and_says_what_it_could_not_record() {
    let tag = format!(
        "{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let (owner, deployer) = (format!("sg_owner_{tag}"), format!("sg_deployer_{tag}"));
    let _roles = [RoleGuard(owner.clone()), RoleGuard(deployer.clone())];
    let p = Project::new();
    // refinery's table, made by another role: the deploy role may write it, not alter it.
    p.execute(&format!(
        "CREATE ROLE {owner}; CREATE ROLE {deployer} LOGIN;
         CREATE TABLE refinery_schema_history (version int4 PRIMARY KEY, name VARCHAR(255),
             applied_on VARCHAR(255), checksum VARCHAR(255));
         ALTER TABLE refinery_schema_history OWNER TO {owner};
         GRANT SELECT, INSERT, UPDATE ON refinery_schema_history TO {deployer};
         GRANT USAGE, CREATE ON SCHEMA public TO {deployer};"
    ));
    let url = p.db.url.replacen("postgres@", &format!("{deployer}@"), 1);
    p.migration("V1__users.sql", "create table users (id int);\n");
    p.schemagate(&["deploy", "--no-backup"])
        .env("DATABASE_URL", &url)
        .status(0)
        .stderr_has("applied V1__users.sql")
        .stderr_has("warning: could not record the statement checksums of V1__users.sql in public.refinery_schema_history: must be owner of table refinery_schema_history; a later change to their comments only will count as an edit")
        .run();
    assert_eq!(p.applied_versions(), [1]);
    p.schemagate(&["deploy", "--no-backup"])
        .env("DATABASE_URL", &url)
        .status(0)
        .stderr_has("nothing pending")
        .run();
}

#[test]
fn a_deploy_the_lint_refuses_does_not_record_comment_only_edits_either() {
    let p = applied_project();
    let v1_checksum = p.value("select checksum from refinery_schema_history where version = 1");
    p.migration(
        "V1__users.sql",
        "-- the users\ncreate table users (id int);\n",
    );
    p.migration("V3__drop.sql", "drop table posts;\n");
    p.schemagate(&["deploy", "--no-backup"])
        .status(6)
        .stderr_has("lint refused 1 statement(s), nothing was changed")
        .stderr_lacks("its recorded checksum was updated")
        .run();
    assert_eq!(
        p.value("select checksum from refinery_schema_history where version = 1"),
        v1_checksum
    );
}
