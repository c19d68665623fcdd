//! The lint stage as the deploy, plan and lint commands use it: pure SQL in, findings out,
//! plus `read_existing` against a real PostgreSQL (TEST_DATABASE_URL).

use schemagate::lint::{
    ExistingObjects, Finding, Level, LintContext, LintInput, LintPolicy, LintReport, Unparsable,
    lint, lint_with, read_existing, split_statements,
};

fn run(files: &[(&str, &str)], existing: &ExistingObjects) -> LintReport {
    run_with(files, existing, &LintPolicy::default())
}

fn run_with(files: &[(&str, &str)], existing: &ExistingObjects, policy: &LintPolicy) -> LintReport {
    let inputs: Vec<LintInput> = files
        .iter()
        .map(|(file, sql)| LintInput::new(file, sql))
        .collect();
    lint(&inputs, existing, policy, Unparsable::Deny)
}

fn one(sql: &str, existing: &ExistingObjects) -> LintReport {
    run(&[("V2__change.sql", sql)], existing)
}

fn rules(report: &LintReport, level: Level) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.level == level)
        .map(|f| f.rule.clone())
        .collect()
}

fn dump(report: &LintReport) -> String {
    report
        .findings
        .iter()
        .map(Finding::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// A database holding `users(id, email, name)` and `audit.events(id)`.
fn existing() -> ExistingObjects {
    ExistingObjects::new()
        .with_column("public", "users", "id")
        .with_column("public", "users", "email")
        .with_column("public", "users", "name")
        .with_column("audit", "events", "id")
}

/// Each data-loss rule and a statement that triggers it on `existing()`.
const DENY_CASES: &[(&str, &str)] = &[
    ("ban-drop-table", "DROP TABLE users;"),
    ("ban-drop-column", "ALTER TABLE users DROP COLUMN name;"),
    ("ban-drop-database", "DROP DATABASE other;"),
    ("ban-truncate-cascade", "TRUNCATE users CASCADE;"),
    ("ban-truncate", "TRUNCATE users;"),
    ("ban-delete-without-where", "DELETE FROM users;"),
    ("ban-drop-schema", "DROP SCHEMA audit CASCADE;"),
    ("renaming-table", "ALTER TABLE users RENAME TO people;"),
    (
        "renaming-column",
        "ALTER TABLE users RENAME COLUMN name TO full_name;",
    ),
    (
        "changing-column-type",
        "ALTER TABLE users ALTER COLUMN email TYPE varchar(100);",
    ),
];

#[test]
fn each_deny_rule_refuses_on_an_existing_object() {
    for (rule, sql) in DENY_CASES {
        // DROP DATABASE also needs the no-transaction marker; that is its own finding.
        let report = one(sql, &existing());
        let denied = rules(&report, Level::Deny);
        assert!(
            denied.contains(&rule.to_string()),
            "{rule}: {}",
            dump(&report)
        );
        assert!(report.has_denials());
    }
}

#[test]
fn finding_names_file_position_statement_and_the_allow_comment() {
    let report = one("-- remove templates\n\nDROP TABLE users;\n", &existing());
    let f = report.denied().next().unwrap();
    assert_eq!(
        (f.file.as_str(), f.line, f.column),
        ("V2__change.sql", 3, 1)
    );
    assert_eq!(f.statement, "DROP TABLE users;");
    assert_eq!(
        f.to_string(),
        "V2__change.sql:3:1: ban-drop-table (deny): dropping a table loses its data\n  \
         DROP TABLE users;\n  \
         hint: if this is intended, put \"-- squawk-ignore ban-drop-table\" on the line before the statement"
    );
}

#[test]
fn same_statement_on_a_table_created_earlier_in_the_run_is_not_refused() {
    let create = "CREATE TABLE scratch (id int, name text, email text);";
    for (rule, sql) in DENY_CASES {
        if matches!(*rule, "ban-drop-database" | "ban-drop-schema") {
            continue;
        }
        let sql = sql.replace("users", "scratch");
        let report = run(
            &[("V2__create.sql", create), ("V3__change.sql", &sql)],
            &existing(),
        );
        assert!(!report.has_denials(), "{rule}: {}", dump(&report));
        assert!(
            rules(&report, Level::Info).contains(&rule.to_string()),
            "{rule}"
        );
    }
    // A schema with no pre-existing table in it.
    let report = run(
        &[
            (
                "V2__s.sql",
                "CREATE SCHEMA tmp; CREATE TABLE tmp.t (id int);",
            ),
            ("V3__d.sql", "DROP SCHEMA tmp CASCADE;"),
        ],
        &existing(),
    );
    assert!(!report.has_denials(), "{}", dump(&report));
}

#[test]
fn a_column_added_in_the_run_may_be_dropped_but_an_old_one_may_not() {
    let report = one(
        "ALTER TABLE users ADD COLUMN tmp text;\nALTER TABLE users DROP COLUMN tmp;",
        &existing(),
    );
    assert!(!report.has_denials(), "{}", dump(&report));
    let report = one(
        "ALTER TABLE users DROP COLUMN tmp, DROP COLUMN name;",
        &existing(),
    );
    assert!(report.has_denials());
}

#[test]
fn renamed_existing_table_still_holds_data() {
    let report = one(
        "-- squawk-ignore renaming-table\nALTER TABLE users RENAME TO people;\nDROP TABLE people;",
        &existing(),
    );
    assert_eq!(
        rules(&report, Level::Deny),
        vec!["ban-drop-table"],
        "{}",
        dump(&report)
    );
}

#[test]
fn unqualified_name_outside_public_is_judged_cautiously() {
    // With search_path = audit, `events` is audit.events, which holds data.
    let report = one(
        "ALTER TABLE events RENAME TO old_events;\nDROP TABLE old_events;",
        &existing(),
    );
    assert_eq!(
        rules(&report, Level::Deny),
        vec!["renaming-table", "ban-drop-table"],
        "{}",
        dump(&report)
    );
}

#[test]
fn ignore_comment_per_statement_allows_each_deny_rule() {
    for (rule, sql) in DENY_CASES {
        let sql = format!("-- squawk-ignore {rule}\n{sql}");
        let report = one(&sql, &existing());
        let denied: Vec<_> = rules(&report, Level::Deny)
            .into_iter()
            .filter(|r| r != "missing-no-transaction-marker")
            .collect();
        assert!(denied.is_empty(), "{rule}: {}", dump(&report));
    }
    // Several rules in one comment.
    let report = one(
        "-- squawk-ignore ban-drop-column, renaming-column\n\
         ALTER TABLE users DROP COLUMN name, RENAME COLUMN email TO mail;",
        &existing(),
    );
    assert!(!report.has_denials(), "{}", dump(&report));
}

#[test]
fn ignore_comment_per_file_allows_each_deny_rule() {
    for (rule, sql) in DENY_CASES {
        let sql = format!("-- squawk-ignore-file {rule}\nSELECT 1;\n{sql}");
        let report = one(&sql, &existing());
        let denied: Vec<_> = rules(&report, Level::Deny)
            .into_iter()
            .filter(|r| r != "missing-no-transaction-marker")
            .collect();
        assert!(denied.is_empty(), "{rule}: {}", dump(&report));
    }
    let report = one(
        "-- squawk-ignore-file\nDROP TABLE users;\nDELETE FROM users;",
        &existing(),
    );
    assert!(report.findings.is_empty(), "{}", dump(&report));
}

#[test]
fn ignore_for_another_statement_does_not_allow() {
    let report = one(
        "-- squawk-ignore ban-drop-table\nSELECT 1;\n\nDROP TABLE users;",
        &existing(),
    );
    assert!(report.has_denials(), "{}", dump(&report));
}

#[test]
fn unknown_name_in_ignore_comment_warns() {
    let report = one(
        "-- squawk-ignore ban-drop-tabel\nDROP TABLE users;",
        &existing(),
    );
    assert!(rules(&report, Level::Warn).contains(&"unused-ignore".to_string()));
    assert!(report.has_denials());
}

#[test]
fn warn_rules_yield_warnings() {
    for (rule, sql) in [
        (
            "require-concurrent-index-creation",
            "CREATE INDEX ix ON users (email);",
        ),
        (
            "adding-foreign-key-constraint",
            "ALTER TABLE users ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES audit.events (id);",
        ),
        (
            "adding-required-field",
            "ALTER TABLE users ADD COLUMN age int NOT NULL;",
        ),
        (
            "ban-drop-not-null",
            "ALTER TABLE users ALTER COLUMN email DROP NOT NULL;",
        ),
        (
            "disallowed-unique-constraint",
            "ALTER TABLE users ADD CONSTRAINT u UNIQUE (email);",
        ),
    ] {
        let report = one(sql, &existing());
        assert!(
            rules(&report, Level::Warn).contains(&rule.to_string()),
            "{rule}: {}",
            dump(&report)
        );
        assert!(!report.has_denials(), "{rule}: {}", dump(&report));
    }
}

#[test]
fn lock_warnings_on_a_table_created_in_the_run_are_info() {
    let report = one(
        "CREATE TABLE fresh (id int, email text);\n\
         CREATE INDEX ix ON fresh (email);\n\
         ALTER TABLE fresh ADD COLUMN age int NOT NULL;",
        &existing(),
    );
    assert!(rules(&report, Level::Warn).is_empty(), "{}", dump(&report));
    assert_eq!(
        rules(&report, Level::Info),
        vec!["require-concurrent-index-creation", "adding-required-field"]
    );
}

#[test]
fn policy_changes_a_rule_level() {
    #[derive(serde::Deserialize)]
    struct Config {
        lint: LintPolicy,
    }
    let config: Config = toml::from_str(
        "[lint]\nban-drop-column = \"warn\"\nprefer-text-field = \"deny\"\nban-drop-table = \"off\"\n",
    )
    .unwrap();
    let report = run_with(
        &[(
            "V2__x.sql",
            "ALTER TABLE users DROP COLUMN name;\nDROP TABLE users;\nALTER TABLE users ADD COLUMN bio varchar(10);",
        )],
        &existing(),
        &config.lint,
    );
    assert_eq!(
        rules(&report, Level::Warn).first().map(String::as_str),
        Some("ban-drop-column")
    );
    assert!(!report.findings.iter().any(|f| f.rule == "ban-drop-table"));
    assert!(rules(&report, Level::Deny).contains(&"prefer-text-field".to_string()));

    let err = toml::from_str::<Config>("[lint]\nno-such-rule = \"deny\"\n")
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("unknown lint rule `no-such-rule`"), "{err}");
    assert!(err.contains("valid rule names are:"), "{err}");
}

#[test]
fn unparsable_sql_is_a_finding_with_position() {
    let sql = "CREATE TABLE ok (id int);\nALTER TABLE users ADD COLUMN;\n";
    let inputs = [LintInput::new("V4__bad.sql", sql)];
    let report = lint(
        &inputs,
        &existing(),
        &LintPolicy::default(),
        Unparsable::Deny,
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.rule == "syntax-error")
        .unwrap_or_else(|| panic!("{}", dump(&report)));
    assert_eq!(f.level, Level::Deny);
    assert_eq!(f.line, 2);
    assert!(f.column > 1);
    assert!(f.message.starts_with("could not parse: "), "{}", f.message);
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.rule == "syntax-error")
            .count(),
        1,
        "{}",
        dump(&report)
    );

    let report = lint(
        &inputs,
        &existing(),
        &LintPolicy::default(),
        Unparsable::Warn,
    );
    assert!(!report.has_denials(), "{}", dump(&report));
    assert!(rules(&report, Level::Warn).contains(&"syntax-error".to_string()));

    // Garbage never panics.
    for sql in [
        "$$",
        "'unterminated",
        "/* open",
        "CREATE",
        ";;;",
        "\u{feff}DROP",
        "",
    ] {
        let _ = lint(
            &[LintInput::new("V5__g.sql", sql)],
            &existing(),
            &LintPolicy::default(),
            Unparsable::Deny,
        );
        let _ = split_statements(sql);
    }
}

#[test]
fn concurrent_index_needs_the_marker() {
    let sql = "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON users (email);";
    let report = one(sql, &existing());
    let f = report
        .denied()
        .find(|f| f.rule == "missing-no-transaction-marker")
        .unwrap_or_else(|| panic!("{}", dump(&report)));
    assert_eq!(
        f.message,
        "this statement cannot run inside a transaction; add `-- schemagate:no-transaction` as the first line"
    );

    let report = one(&format!("-- schemagate:no-transaction\n{sql}"), &existing());
    assert!(report.findings.is_empty(), "{}", dump(&report));

    // Without IF NOT EXISTS it cannot be retried after a failure: a warning.
    let report = one(
        "-- schemagate:no-transaction\nCREATE INDEX CONCURRENTLY ix ON users (email);",
        &existing(),
    );
    assert_eq!(
        rules(&report, Level::Warn),
        vec!["non-idempotent-no-transaction"]
    );
    assert!(!report.has_denials());
}

#[test]
fn add_enum_value_needs_the_marker_only_before_pg12() {
    let inputs = [LintInput::new(
        "V6__enum.sql",
        "ALTER TYPE mood ADD VALUE 'meh';",
    )];
    let policy = LintPolicy::default();
    let existing = existing();
    let ctx = |server_version_num| LintContext {
        existing: &existing,
        policy: &policy,
        unparsable: Unparsable::Deny,
        server_version_num,
    };
    assert!(lint_with(&inputs, &ctx(110_000)).has_denials());
    assert!(!lint_with(&inputs, &ctx(170_000)).has_denials());
}

#[test]
fn server_version_reaches_squawk_rules() {
    // A volatile default rewrites the table on any version; a constant one only before 11.
    let inputs = [LintInput::new(
        "V7__default.sql",
        "ALTER TABLE users ADD COLUMN flag boolean DEFAULT true;",
    )];
    let policy = LintPolicy::default();
    let existing = existing();
    let ctx = |server_version_num| LintContext {
        existing: &existing,
        policy: &policy,
        unparsable: Unparsable::Deny,
        server_version_num,
    };
    let warned = |n| {
        lint_with(&inputs, &ctx(n))
            .findings
            .iter()
            .any(|f| f.rule == "adding-field-with-default")
    };
    assert!(warned(100_000));
    assert!(!warned(170_000));
}

#[test]
fn delete_with_where_is_fine() {
    assert!(!one("DELETE FROM users WHERE id = 1;", &existing()).has_denials());
    assert!(one("DELETE FROM users;", &existing()).has_denials());
    assert!(one("TRUNCATE TABLE users;", &existing()).has_denials());
    assert!(one("TRUNCATE audit.events RESTART IDENTITY;", &existing()).has_denials());
}

#[test]
fn the_report_lists_the_drops_its_ignores_allow() {
    let existing = ExistingObjects::new()
        .with_table("public", "journey_templates")
        .with_table("public", "users")
        .with_table("audit", "events")
        .with_table("app", "notes");
    let report = run(
        &[
            (
                "V2__a.sql",
                "-- squawk-ignore ban-drop-table\nDROP TABLE journey_templates;\nDROP TABLE users;",
            ),
            (
                "V3__b.sql",
                "-- squawk-ignore-file ban-drop-table\nDROP TABLE IF EXISTS audit.events;\n\
                 -- An unqualified name is the table the database has, wherever it lives.\n\
                 DROP TABLE notes;",
            ),
        ],
        &existing,
    );
    let expected: std::collections::BTreeSet<_> = [
        ("app".to_string(), "notes".to_string()),
        ("audit".to_string(), "events".to_string()),
        ("public".to_string(), "journey_templates".to_string()),
    ]
    .into();
    assert_eq!(report.allowed_drops, expected);
    // The drop without its ignore is refused, and not allowed.
    assert_eq!(rules(&report, Level::Deny), ["ban-drop-table"]);
}

#[test]
fn split_statements_for_no_transaction_runs() {
    let sql = "-- schemagate:no-transaction\n\
        CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $body$\nBEGIN\n  NEW.x := 'a;b';\n  RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql;\n\
        -- a comment; with a semicolon\n\
        CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON t (a); /* trailing; */\n\
        INSERT INTO t (s) VALUES ($$x;y$$), (E'it''s;');";
    let stmts = split_statements(sql);
    let texts: Vec<_> = stmts.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(texts.len(), 3, "{texts:#?}");
    assert!(texts[0].starts_with("CREATE OR REPLACE FUNCTION") && texts[0].ends_with("plpgsql;"));
    assert_eq!(
        texts[1],
        "CREATE INDEX CONCURRENTLY IF NOT EXISTS ix ON t (a);"
    );
    assert_eq!(texts[2], "INSERT INTO t (s) VALUES ($$x;y$$), (E'it''s;');");
    assert_eq!(stmts[0].line, 2);
    assert_eq!(stmts[1].line, 9);
}

/// A long history like a real project's: tables created, columns added, renamed, retyped
/// and dropped, tables renamed and dropped, all within the run. From an empty database it
/// must bootstrap without a single annotation.
#[test]
fn replaying_a_long_history_from_scratch_has_no_denials() {
    let mut files = Vec::new();
    for i in 0..60 {
        files.push(format!(
            "CREATE TABLE t{i} (id bigint PRIMARY KEY, name text, score int);\nCREATE INDEX ix_t{i} ON t{i} (name);"
        ));
        files.push(format!(
            "ALTER TABLE t{i} ADD COLUMN note text;\nALTER TABLE t{i} RENAME COLUMN name TO title;"
        ));
        files.push(format!(
            "ALTER TABLE t{i} ALTER COLUMN score TYPE bigint;\nALTER TABLE t{i} DROP COLUMN note;\nDELETE FROM t{i};"
        ));
        files.push(format!(
            "ALTER TABLE t{i} RENAME TO r{i};\nTRUNCATE r{i};\nALTER TABLE r{i} RENAME COLUMN title TO label;"
        ));
        files.push(if i % 2 == 0 {
            format!("DROP TABLE r{i};")
        } else {
            format!(
                "DROP TABLE IF EXISTS r{i} CASCADE;\nCREATE TABLE r{i} (id int);\nDROP TABLE r{i};"
            )
        });
    }
    assert_eq!(files.len(), 300);
    let names: Vec<String> = (1..=files.len())
        .map(|v| format!("V{v}__step.sql"))
        .collect();
    let inputs: Vec<LintInput> = names
        .iter()
        .zip(&files)
        .map(|(file, sql)| LintInput::new(file, sql))
        .collect();
    let report = lint(
        &inputs,
        &ExistingObjects::new(),
        &LintPolicy::default(),
        Unparsable::Deny,
    );
    assert!(!report.has_denials(), "{}", dump(&report));
    assert_eq!(report.warnings().count(), 0, "{}", dump(&report));

    // The same history, once t0 exists (its first migration was applied before this run),
    // refuses the changes to t0's data.
    let report = lint(
        &inputs[1..],
        &ExistingObjects::new()
            .with_column("public", "t0", "name")
            .with_column("public", "t0", "score"),
        &LintPolicy::default(),
        Unparsable::Deny,
    );
    assert!(report.has_denials());
}

mod database {
    use super::*;
    use tokio_postgres::NoTls;

    fn server_url() -> String {
        std::env::var("TEST_DATABASE_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_string())
    }

    /// A fresh database for one test, dropped when the test is done with it.
    struct TestDb {
        name: String,
    }

    impl TestDb {
        async fn create() -> TestDb {
            let name = format!(
                "schemagate_lint_{}_{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos()
            );
            let admin = connect(&server_url()).await;
            admin
                .batch_execute(&format!("CREATE DATABASE \"{name}\""))
                .await
                .unwrap();
            TestDb { name }
        }

        fn url(&self) -> String {
            let server = server_url();
            let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b);
            format!("{base}/{}", self.name)
        }

        async fn drop(self) {
            let admin = connect(&server_url()).await;
            admin
                .batch_execute(&format!(
                    "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                    self.name
                ))
                .await
                .unwrap();
        }
    }

    async fn connect(url: &str) -> tokio_postgres::Client {
        let (client, connection) = tokio_postgres::connect(url, NoTls).await.unwrap();
        tokio::spawn(async move {
            let _ = connection.await;
        });
        client
    }

    #[tokio::test]
    async fn read_existing_sees_tables_and_columns_outside_system_schemas() {
        let db = TestDb::create().await;
        let client = connect(&db.url()).await;
        client
            .batch_execute(
                "CREATE TABLE users (id bigint, email text);
                 CREATE SCHEMA billing;
                 CREATE TABLE billing.\"Invoices\" (id int, total numeric);
                 ALTER TABLE users DROP COLUMN email;
                 CREATE TABLE empty ();
                 CREATE VIEW v AS SELECT 1 AS x;",
            )
            .await
            .unwrap();
        let existing = read_existing(&client).await.unwrap();
        assert!(existing.has_column("public", "users", "id"));
        assert!(!existing.has_column("public", "users", "email"));
        assert!(existing.has_column("billing", "Invoices", "total"));
        assert!(existing.has_table("public", "empty"));
        assert!(!existing.has_table("public", "v"));
        assert!(
            !existing
                .tables()
                .iter()
                .any(|(s, _)| s == "pg_catalog" || s == "information_schema")
        );

        let report = one(
            "DROP TABLE billing.\"Invoices\";\nCREATE TABLE n (id int);\nDROP TABLE n;",
            &existing,
        );
        assert_eq!(rules(&report, Level::Deny), vec!["ban-drop-table"]);
        drop(client);
        db.drop().await;
    }
}

/// A file that is not SQL at all: the first parse errors are findings, the rest one count, so
/// a 10 MB file of junk is a readable refusal (and no longer compares every statement with
/// every error: that took over an hour on 10 MB).
#[test]
fn parse_errors_past_twenty_are_counted_in_one_finding() {
    let junk = "this is not sql at all;\n".repeat(50);
    let report = run(&[("V1__junk.sql", &junk)], &ExistingObjects::new());
    let syntax: Vec<&Finding> = report
        .denied()
        .filter(|f| f.rule == "syntax-error")
        .collect();
    assert_eq!(syntax.len(), 21, "{}", dump(&report));
    assert_eq!(syntax[0].line, 1, "{}", dump(&report));
    // The parser finds several places per junk line; all but twenty are one count.
    let last = syntax[20].to_string();
    let more: usize = last
        .split("): ")
        .nth(1)
        .and_then(|m| m.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {last}"));
    assert!(more > 100, "{last}");
    assert!(
        last.contains("more places the parser could not read, from here on"),
        "{last}"
    );
}
