//! The lint where a pull request is reviewed (issue 16): offline it assumes that what the linted
//! files did not create exists and holds data (`lint FILES`, `lint --since REF`, `check`),
//! names the migration behind a vanished table, and speaks GitHub annotations and JSON.

use std::process::Command;

use crate::support::cli::{Project, Run};

/// V1 users, V2 journey_templates, V3 a scratch table: the history on the base branch.
fn history(p: &Project) {
    p.migration(
        "V1__users.sql",
        "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);",
    );
    p.migration(
        "V2__journeys.sql",
        "CREATE TABLE journey_templates (id bigint PRIMARY KEY, user_id bigint NOT NULL);",
    );
    p.migration("V3__scratch.sql", "CREATE TABLE scratch (id int);");
}

const OOPS: &str = "-- the model was not imported\nDROP TABLE journey_templates;\n";

/// The same drop, marked as intended.
const INTENDED: &str = "-- the model was not imported\n-- squawk-ignore ban-drop-table\nDROP TABLE journey_templates;\n";

/// Offline, a file alone: the table it drops is assumed to exist and hold data.
#[test]
fn lint_of_a_file_refuses_a_drop_of_a_table_it_did_not_create() {
    let p = Project::new();
    history(&p);
    p.migration("V4__oops.sql", OOPS);
    p.schemagate(&["lint", "migrations/V4__oops.sql"])
        .env("DATABASE_URL", "")
        .status(6)
        .stderr_has("V4__oops.sql:2:1: ban-drop-table (deny): dropping a table loses its data")
        .run();
    // Created earlier in the same set, it may go.
    p.schemagate(&[
        "lint",
        "migrations/V3__scratch.sql",
        "migrations/V4__oops.sql",
    ])
    .status(6)
    .run();
    p.migration("V4__oops.sql", "DROP TABLE scratch;");
    p.schemagate(&[
        "lint",
        "migrations/V3__scratch.sql",
        "migrations/V4__oops.sql",
    ])
    .status(0)
    .stdout_has("2 file(s): lint passed")
    .run();
    p.schemagate(&["lint", "migrations/V4__oops.sql"])
        .status(6)
        .run();
    // The same goes for a column, TRUNCATE and DELETE without WHERE.
    for (sql, rule) in [
        ("ALTER TABLE users DROP COLUMN email;", "ban-drop-column"),
        ("TRUNCATE users;", "ban-truncate"),
        ("DELETE FROM users;", "ban-delete-without-where"),
    ] {
        p.migration("V4__oops.sql", sql);
        p.schemagate(&["lint", "migrations/V4__oops.sql"])
            .status(6)
            .stderr_has(rule)
            .run();
    }
}

/// `lint --all` is the bootstrap of a new database, and says what it is not.
#[test]
fn lint_all_judges_a_bootstrap_and_points_at_since() {
    let p = Project::new();
    history(&p);
    p.migration("V4__oops.sql", OOPS);
    p.schemagate(&["lint", "--all"])
        .status(0)
        .stdout_has("4 file(s), judged as the bootstrap of a new, empty database: lint passed")
        .stderr_has("schemagate lint --since")
        .run();
}

fn git(p: &Project, args: &[&str]) {
    let out = Command::new("git")
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .current_dir(p.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository whose `main` holds the history, on a branch `pr`.
fn repository() -> Project {
    let p = Project::new();
    history(&p);
    git(&p, &["init", "-q", "-b", "main"]);
    git(&p, &["add", "."]);
    git(&p, &["commit", "-qm", "history"]);
    git(&p, &["checkout", "-qb", "pr"]);
    p
}

#[test]
fn lint_since_judges_the_new_files_against_what_the_older_ones_create() {
    let p = repository();
    // Committed on the branch or not yet: both are the pull request's.
    p.migration("V4__oops.sql", OOPS);
    p.schemagate(&["lint", "--since", "main"])
        .status(6)
        .stderr_has("V4__oops.sql:2:1: ban-drop-table (deny)")
        .run();
    git(&p, &["add", "."]);
    git(&p, &["commit", "-qm", "oops"]);
    p.schemagate(&["lint", "--since", "main"])
        .status(6)
        .stderr_has("V4__oops.sql:2:1: ban-drop-table (deny)")
        .run();
    // Marked as intended, it passes; what the new file creates itself may go.
    p.migration(
        "V4__oops.sql",
        "-- squawk-ignore ban-drop-table\nDROP TABLE journey_templates;\nCREATE TABLE t (id int);\nDROP TABLE t;\n",
    );
    p.schemagate(&["lint", "--since", "main"])
        .status(0)
        .stdout_has(
            "1 file(s) added or changed since main, judged against the 3 older one(s): lint passed",
        )
        .run();
    // `check --since` judges the same files as new, whatever the expected file's version.
    p.migration("V4__oops.sql", OOPS);
    p.schemagate(&["snapshot"]).status(0).run();
    p.schemagate(&["check"]).status(0).run();
    p.schemagate(&["check", "--since", "main"])
        .status(6)
        .stderr_has("judging V4__oops.sql against what the 3 older file(s) create")
        .stderr_has("V4__oops.sql:2:1: ban-drop-table (deny)")
        .run();
    // A reference the clone does not have says how to fetch it.
    p.schemagate(&["lint", "--since", "origin/main"])
        .status(2)
        .stderr_has("fetch-depth: 0")
        .run();
}

/// `check` judges the files newer than the expected file's version as new; once the drop is
/// marked, the vanished table is named with the migration that dropped it.
#[test]
fn check_refuses_a_new_drop_then_names_the_migration_behind_the_vanished_table() {
    let p = Project::new();
    history(&p);
    p.schemagate(&["snapshot"]).status(0).run();
    p.migration("V4__oops.sql", OOPS);
    p.schemagate(&["check"])
        .status(6)
        .stderr_has("V4__oops.sql:2:1: ban-drop-table (deny)")
        .stderr_has("-- squawk-ignore ban-drop-table")
        .stderr_lacks("schemagate snapshot")
        .run();

    p.migration("V4__oops.sql", INTENDED);
    p.schemagate(&["check"])
        .status(9)
        .stdout_has(
            "table journey_templates vanished: V4__oops.sql:3:1 drops it (marked as intended)",
        )
        .stderr_has("run `schemagate snapshot`")
        .run();

    // A drop the expected file's version already covers, but the file still lists the table:
    // the message says to mark it before re-snapshotting.
    p.migration("V4__oops.sql", OOPS);
    let expected = p.path().join("migrations/expected_schema.toml");
    let text = std::fs::read_to_string(&expected).unwrap();
    std::fs::write(&expected, text.replace("version = 3", "version = 4")).unwrap();
    p.schemagate(&["check"])
        .status(9)
        .stdout_has("table journey_templates vanished: V4__oops.sql:2:1 drops it; if that is intended, mark it with \"-- squawk-ignore ban-drop-table\" on the line before that statement, then run `schemagate snapshot`")
        .stderr_has("before re-snapshotting")
        .run();
}

#[test]
fn findings_as_github_annotations() {
    let p = Project::new();
    history(&p);
    p.migration("V4__oops.sql", OOPS);
    p.schemagate(&["lint", "--log-format", "github", "migrations/V4__oops.sql"])
        .status(6)
        .stderr_has("::error file=migrations/V4__oops.sql,line=2,col=1,title=ban-drop-table::dropping a table loses its data%0A  DROP TABLE journey_templates;%0Ahint: if this is intended")
        .stderr_has("::error::lint refused 1 statement(s)")
        .run();
    p.migration(
        "V4__oops.sql",
        "CREATE INDEX ix_users_email ON users (email);",
    );
    p.schemagate(&["lint", "migrations/V4__oops.sql"])
        .env("SCHEMAGATE_LOG_FORMAT", "github")
        .status(0)
        .stderr_has("::warning file=migrations/V4__oops.sql,line=1,col=1,title=require-concurrent-index-creation::")
        .run();

    // verify: on the expected file, at the table's entry.
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["snapshot", "--from-live"]).status(0).run();
    p.execute("DROP TABLE scratch");
    let expected =
        std::fs::read_to_string(p.path().join("migrations/expected_schema.toml")).unwrap();
    let line = expected
        .lines()
        .position(|l| l.trim() == "[tables.scratch]")
        .unwrap()
        + 1;
    p.schemagate(&["verify", "--log-format", "github"])
        .status(9)
        .stderr_has(&format!(
            "::error file=migrations/expected_schema.toml,line={line},title=missing_table::missing table scratch"
        ))
        .run();

    // check: on the statement that dropped what the file still has.
    let p = Project::new();
    history(&p);
    p.schemagate(&["snapshot"]).status(0).run();
    p.migration("V4__oops.sql", INTENDED);
    p.schemagate(&["check", "--log-format", "github"])
        .status(9)
        .stderr_has("::error file=migrations/V4__oops.sql,line=3,col=1,title=ban-drop-table::table journey_templates is in the expected schema, and this statement removes it")
        .stderr_has("::error file=migrations/expected_schema.toml,line=")
        .run();
}

#[test]
fn findings_as_json() {
    let p = Project::new();
    history(&p);
    p.migration("V4__oops.sql", OOPS);
    let out = p
        .schemagate(&["lint", "--json", "migrations/V4__oops.sql"])
        .status(6)
        .run();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["passed"], false);
    assert_eq!(
        doc["findings"][0],
        serde_json::json!({
            "rule": "ban-drop-table",
            "level": "deny",
            "file": "migrations/V4__oops.sql",
            "line": 2,
            "column": 1,
            "message": "dropping a table loses its data",
            "statement": "DROP TABLE journey_templates;",
            "hint": "if this is intended, put \"-- squawk-ignore ban-drop-table\" on the line before the statement",
        })
    );

    // Every finding as a JSON line on stderr with --log-format json.
    let out = p
        .schemagate(&["lint", "--log-format", "json", "migrations/V4__oops.sql"])
        .status(6)
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let record: serde_json::Value = stderr
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v.get("rule").is_some())
        .unwrap_or_else(|| panic!("no finding record in {stderr}"));
    for field in [
        "rule", "level", "file", "line", "column", "message", "hint", "time",
    ] {
        assert!(record.get(field).is_some(), "{field} missing from {record}");
    }
    assert_eq!(record["line"], 2);

    // plan --json: what deploy would do, findings included.
    let out = p.schemagate(&["plan", "--json"]).status(0).run();
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["pending"].as_array().unwrap().len(), 4);
    assert_eq!(plan["pending"][3]["file"], "V4__oops.sql");
    assert_eq!(plan["pending"][3]["how"], "in the transaction");
    assert_eq!(plan["backup"], true);
    assert_eq!(plan["lint"]["passed"], true);

    // backups --json: a list, empty here.
    let out = p.schemagate(&["backups", "--json"]).status(0).run();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(list, serde_json::json!([]));
}

/// Issue 15 item 4: a change of type PostgreSQL makes without a rewrite and without touching
/// a value (varchar widened or to text, numeric precision up, varbit widened) is not refused,
/// and the table is not rewritten; anything else stays refused.
#[test]
fn binary_coercible_type_changes_pass_and_others_stay_refused() {
    let p = Project::new();
    p.migration(
        "V1__runs.sql",
        "CREATE TABLE runs (id bigint PRIMARY KEY, note varchar(5000), amount numeric(10, 2), flags varbit(4), code varchar(20));",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute("INSERT INTO runs SELECT g, 'n', 1.5, B'1010', 'c' FROM generate_series(1, 100) g");
    let storage = || p.value("SELECT relfilenode FROM pg_class WHERE relname = 'runs'");
    let before = storage();
    p.migration(
        "V2__widen.sql",
        "ALTER TABLE runs ALTER COLUMN note TYPE text;\n\
         ALTER TABLE runs ALTER COLUMN amount TYPE numeric(14, 2);\n\
         ALTER TABLE runs ALTER COLUMN flags TYPE varbit(8);\n\
         ALTER TABLE runs ALTER COLUMN code TYPE varchar(40);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks("changing-column-type")
        .run();
    assert_eq!(storage(), before, "the table was rewritten");
    for sql in [
        "ALTER TABLE runs ALTER COLUMN code TYPE varchar(10);",
        "ALTER TABLE runs ALTER COLUMN id TYPE numeric;",
        "ALTER TABLE runs ALTER COLUMN amount TYPE numeric(14, 3);",
        "ALTER TABLE runs ALTER COLUMN note TYPE varchar(100);",
        "ALTER TABLE runs ALTER COLUMN code TYPE text USING upper(code);",
    ] {
        p.migration("V3__narrow.sql", sql);
        p.schemagate(&["deploy", "--no-backup"])
            .status(6)
            .stderr_has("changing-column-type (deny)")
            .run();
    }
}

/// Issue 15 item 5: a drop the policy allows is an intended drop for "nothing vanished" too.
#[test]
fn a_drop_the_policy_allows_is_not_a_vanished_table() {
    let p = Project::new();
    p.migration(
        "V1__a.sql",
        "CREATE TABLE a (id int); CREATE TABLE b (id int);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration("V2__drop.sql", "DROP TABLE a;\nALTER TABLE b RENAME TO c;");
    p.file(
        "schemagate.toml",
        "[lint]\nban-drop-table = \"off\"\nrenaming-table = \"warn\"\n",
    );
    p.schemagate(&["plan"]).status(0).run();
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.user_tables(), ["c"]);
}

/// `--since` needs a repository; outside one it says so (exit 2).
#[test]
fn lint_since_outside_a_repository_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("migrations")).unwrap();
    Run::new(dir.path(), &["lint", "--since", "main"])
        .status(2)
        .stderr_has("git rev-parse --show-toplevel failed")
        .run();
}
