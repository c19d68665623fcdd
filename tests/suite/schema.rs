//! Introspection, the expected schema file and verification against a real PostgreSQL.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::TestDb;
use schemagate::schema::{self, ExpectedSchema, QualifiedName, expected};
use schemagate::verify::{Finding, toml_diff, verify};

/// The history and runs tables, which are never unmanaged nor vanished.
fn ignored() -> BTreeSet<QualifiedName> {
    ["refinery_schema_history", "schemagate_runs"]
        .into_iter()
        .map(QualifiedName::parse)
        .collect()
}

fn write(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("expected_schema.toml");
    std::fs::write(&path, text).expect("write expected file");
    path
}

fn load_text(text: &str) -> ExpectedSchema {
    let dir = tempfile::tempdir().expect("tempdir");
    expected::load(&write(dir.path(), text))
        .expect("load")
        .expect("file exists")
}

const REALISTIC: &str = r#"
CREATE TYPE billing_cycle AS ENUM ('monthly', 'yearly');
CREATE SCHEMA billing;
CREATE TYPE billing.status AS ENUM ('draft', 'sent', 'paid');
CREATE TABLE users (
    id bigserial PRIMARY KEY,
    email varchar(255) NOT NULL UNIQUE,
    nickname text,
    tags text[] NOT NULL DEFAULT '{}',
    score numeric(10, 2) CHECK (score >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    "Weird Name" int,
    cycle billing_cycle,
    doubled numeric GENERATED ALWAYS AS (score * 2) STORED
);
CREATE INDEX ix_users_email ON users (lower(email));
CREATE TABLE journey_templates (
    id uuid PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body jsonb,
    small smallserial,
    at timestamp(3),
    flag bool DEFAULT true,
    ratio float8,
    code char(2)
);
CREATE TABLE billing.invoices (
    id serial PRIMARY KEY,
    user_id bigint REFERENCES users (id),
    status billing.status NOT NULL DEFAULT 'draft',
    amounts integer[]
);
CREATE TABLE events (id bigint NOT NULL, at date NOT NULL) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE VIEW user_emails AS SELECT email FROM users;
CREATE SEQUENCE standalone_seq;
CREATE TYPE billing."Odd Status" AS ENUM ('a b', 'c"d');
CREATE TABLE "Audit.Log" (id int, status billing."Odd Status"[], "quote""d" text);
CREATE TABLE refinery_schema_history (version int4 PRIMARY KEY, name varchar(255));
"#;

#[tokio::test]
async fn introspection_sees_every_object_kind() {
    let db = TestDb::create().await;
    let client = db.connect().await;
    client.batch_execute(REALISTIC).await.expect("schema");
    let live = schema::introspect(&client).await.expect("introspect");

    let users = &live.tables[&QualifiedName::parse("users")];
    assert_eq!(users.columns["email"].data_type, "character varying(255)");
    assert!(users.columns["email"].not_null);
    assert!(!users.columns["nickname"].not_null);
    assert_eq!(users.columns["tags"].data_type, "text[]");
    assert!(
        users.columns["id"]
            .default
            .as_deref()
            .is_some_and(|d| d.starts_with("nextval("))
    );
    assert_eq!(
        users.columns["created_at"].default.as_deref(),
        Some("now()")
    );
    assert_eq!(
        users.columns["doubled"].default.as_deref(),
        Some("(score * (2)::numeric)")
    );
    assert!(users.indexes.contains("ix_users_email"));
    assert!(users.indexes.contains("users_pkey"));
    assert!(users.constraints.contains("users_score_check"));
    let invoices = &live.tables[&QualifiedName::parse("billing.invoices")];
    assert_eq!(invoices.columns["status"].data_type, "billing.status");
    assert!(invoices.constraints.contains("invoices_user_id_fkey"));
    assert!(live.tables.contains_key(&QualifiedName::parse("events")));
    assert!(
        live.tables
            .contains_key(&QualifiedName::parse("events_2026"))
    );
    assert_eq!(
        live.enums[&QualifiedName::parse("billing.status")],
        ["draft", "sent", "paid"]
    );
    assert!(live.views.contains(&QualifiedName::parse("user_emails")));
    assert!(
        live.sequences
            .contains(&QualifiedName::parse("standalone_seq"))
    );
    assert!(
        live.sequences
            .contains(&QualifiedName::parse("users_id_seq"))
    );
    assert!(
        !live
            .tables
            .keys()
            .any(|t| t.schema == "pg_catalog" || t.schema == "information_schema")
    );
}

#[tokio::test]
async fn snapshot_round_trips_and_verifies_clean() {
    let db = TestDb::create().await;
    let client = db.connect().await;
    client.batch_execute(REALISTIC).await.expect("schema");
    let live = schema::introspect(&client).await.expect("introspect");

    let skip = [QualifiedName::parse("refinery_schema_history")];
    let snapshot = ExpectedSchema::from_schema(&live, Some(7), &skip);
    let text = snapshot.to_toml();
    assert!(text.starts_with("version = 7"), "{text}");
    assert!(text.contains("[tables.\"billing.invoices\"]"), "{text}");
    assert!(text.contains("\"Weird Name\" = \"integer null\""), "{text}");
    assert!(!text.contains("refinery_schema_history"), "{text}");
    assert!(text.contains("[tables.\"public.Audit.Log\"]"), "{text}");
    assert!(text.contains("[enums.\"billing.Odd Status\"]"), "{text}");

    let loaded = load_text(&text);
    assert_eq!(loaded, snapshot);
    assert_eq!(loaded.to_toml(), text, "writing is deterministic");
    let result = verify(
        Some(&loaded),
        Some(&live),
        &live,
        &BTreeSet::new(),
        &ignored(),
    );
    assert_eq!(result.findings, [], "{text}");
    assert!(result.is_clean(true));
    assert_eq!(toml_diff(&text, &loaded.to_toml()), "");
}

#[tokio::test]
async fn aliases_and_star_columns_match() {
    let db = TestDb::create().await;
    let client = db.connect().await;
    client.batch_execute(REALISTIC).await.expect("schema");
    let live = schema::introspect(&client).await.expect("introspect");
    let file = load_text(
        r#"
[tables.users]
columns = { id = "int8 not null", email = "VARCHAR(255) NOT NULL", nickname = "text null", tags = "_text", score = "decimal(10, 2)", created_at = "timestamptz not null", "Weird Name" = "*", cycle = "billing_cycle", doubled = "numeric" }
indexes = ["users_pkey", "ix_users_email"]

[tables.journey_templates]
columns = { id = "uuid not null", user_id = "bigint", small = "smallserial not null", at = "timestamp(3)", flag = "bool", ratio = "float8", code = "char(2)", body = "*" }

[tables."billing.invoices"]
columns = { id = "serial not null", status = "billing.status not null", amounts = "int4[]", user_id = "*" }

[enums.billing_cycle]
values = ["yearly"]
"#,
    );
    let result = verify(Some(&file), None, &live, &BTreeSet::new(), &ignored());
    let errors: Vec<String> = result.errors(false).map(ToString::to_string).collect();
    assert_eq!(errors, Vec::<String>::new());
    // Tables the file leaves out are unmanaged: warnings, errors only when strict.
    assert!(result.findings.contains(&Finding::UnmanagedTable {
        table: QualifiedName::parse("events")
    }));
    assert!(result.is_clean(false));
    assert!(!result.is_clean(true));
}

#[tokio::test]
async fn every_finding_is_reported() {
    let db = TestDb::create().await;
    let client = db.connect().await;
    client.batch_execute(REALISTIC).await.expect("schema");
    let before = schema::introspect(&client).await.expect("introspect");
    client
        .batch_execute(
            "DROP TABLE journey_templates; ALTER TABLE users ADD COLUMN extra int;
             DROP TABLE refinery_schema_history; CREATE TABLE by_hand (id int)",
        )
        .await
        .expect("changes");
    let after = schema::introspect(&client).await.expect("introspect");
    let file = load_text(
        r#"
[tables.users]
columns = { id = "bigint not null", email = "text not null", nickname = "text not null", missing = "text not null", tags = "*", score = "*", created_at = "*", "Weird Name" = "*", cycle = "*", doubled = "*" }
indexes = ["users_pkey", "ix_users_nope"]

[tables.journey_templates]
columns = { id = "uuid not null" }

[tables."billing.invoices"]
columns = { id = "*", user_id = "*", status = "*", amounts = "*" }

[tables.events]
columns = { id = "*", at = "*" }

[tables.events_2026]
columns = { id = "*", at = "*" }

[tables."public.Audit.Log"]
columns = { id = "*", status = "*", "quote\"d" = "*" }

[enums.billing_cycle]
values = ["monthly", "weekly"]

[enums.nope]
values = ["a"]
"#,
    );
    let result = verify(
        Some(&file),
        Some(&before),
        &after,
        &BTreeSet::new(),
        &ignored(),
    );
    let shown: Vec<String> = result.findings.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "missing table journey_templates",
            "wrong type for column users.email: expected text, found character varying(255)",
            "missing column users.missing (expected text not null)",
            "wrong nullability for column users.nickname: expected not null, found nullable",
            "missing index ix_users_nope on table users",
            "missing value \"weekly\" in enum type billing_cycle",
            "missing enum type nope",
            "table journey_templates vanished during this run",
            "unmanaged table by_hand (not in the expected schema)",
            "unmanaged column users.extra (not in the expected schema)",
        ]
    );
    let errors = result.errors(false).count();
    assert_eq!(errors, 8);
    assert_eq!(result.errors(true).count(), 10);
    assert!(matches!(
        &result.findings[1],
        Finding::WrongType { expected, actual, .. } if expected == "text" && actual == "character varying(255)"
    ));

    let json = serde_json::to_value(&result).expect("json");
    assert_eq!(json["findings"][0]["kind"], "missing_table");
    assert_eq!(json["findings"][0]["table"], "journey_templates");
    assert_eq!(json["findings"][2]["expected"], "text not null");
}

#[tokio::test]
async fn vanished_table_is_an_error_unless_its_drop_was_allowed() {
    let db = TestDb::create().await;
    let client = db.connect().await;
    client.batch_execute(REALISTIC).await.expect("schema");
    let before = schema::introspect(&client).await.expect("introspect");
    client
        .batch_execute("DROP TABLE journey_templates; DROP TABLE billing.invoices")
        .await
        .expect("drop");
    let after = schema::introspect(&client).await.expect("introspect");

    let none = BTreeSet::new();
    let result = verify(None, Some(&before), &after, &none, &ignored());
    assert_eq!(
        result.findings,
        [
            Finding::VanishedTable {
                table: QualifiedName::parse("billing.invoices")
            },
            Finding::VanishedTable {
                table: QualifiedName::parse("journey_templates")
            },
        ]
    );
    assert_eq!(
        result.findings[0].to_string(),
        "table billing.invoices vanished during this run"
    );
    assert!(!result.is_clean(false));

    let allowed: BTreeSet<_> = ["journey_templates", "billing.invoices"]
        .into_iter()
        .map(QualifiedName::parse)
        .collect();
    let result = verify(None, Some(&before), &after, &allowed, &ignored());
    assert!(result.findings.is_empty());
    // Without an expected file, nothing is unmanaged.
    assert!(result.is_clean(true));
}

#[tokio::test]
async fn introspection_on_a_transaction_sees_uncommitted_ddl() {
    let db = TestDb::create().await;
    let mut client = db.connect().await;
    let transaction = client.transaction().await.expect("begin");
    transaction
        .batch_execute("CREATE TABLE pending (id int NOT NULL); CREATE TYPE mood AS ENUM ('ok')")
        .await
        .expect("ddl");
    let inside = schema::introspect(&transaction).await.expect("introspect");
    assert!(inside.tables.contains_key(&QualifiedName::parse("pending")));
    assert_eq!(inside.enums[&QualifiedName::parse("mood")], ["ok"]);
    transaction.rollback().await.expect("rollback");
    let outside = schema::introspect(&client).await.expect("introspect");
    assert!(outside.tables.is_empty());
}

#[test]
fn missing_file_is_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let loaded = expected::load(&dir.path().join("expected_schema.toml")).expect("load");
    assert_eq!(loaded, None);
}

#[test]
fn malformed_files_name_file_line_and_cause() {
    let cases: &[(&str, usize, &str)] = &[
        // TOML syntax error: an unterminated string.
        (
            "version = 3\n\n[tables.users]\ncolumns = { id = \"bigint }\n",
            4,
            "",
        ),
        // A bad column spec on the fifth line.
        (
            "version = 3\n\n[tables.users]\ncolumns = { id = \"bigint not null\" }\n\n[tables.b]\ncolumns = { id = \"bigint nul\" }\n",
            7,
            "bad column spec \"bigint nul\" for b.id",
        ),
        // An unknown key in a table.
        (
            "[tables.users]\ncolumns = { id = \"*\" }\nindices = [\"x\"]\n",
            3,
            "unknown field `indices`",
        ),
        // A version that is not an integer.
        ("\n\nversion = \"7\"\n", 3, "invalid type"),
        // A duplicate table section.
        (
            "[tables.a]\ncolumns = {}\n\n[tables.a]\ncolumns = {}\n",
            4,
            "",
        ),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    for (text, line, cause) in cases {
        let path = write(dir.path(), text);
        let error = expected::load(&path).expect_err(text).to_string();
        let prefix = format!("{}:{line}: malformed expected schema: ", path.display());
        assert!(error.starts_with(&prefix), "{error:?} for {text:?}");
        assert!(error.contains(cause), "{error:?} for {text:?}");
    }

    let path = dir.path().join("expected_schema.toml");
    std::fs::write(&path, b"[tables.users]\ncolumns = { id = \"\xff\" }\n").expect("write");
    let error = expected::load(&path).expect_err("not utf-8").to_string();
    assert!(
        error.starts_with(&format!("{}:2: not UTF-8 text", path.display())),
        "{error}"
    );
}

/// The deploy, a no-op deploy, `verify --strict` and `check` all accept what `snapshot` wrote.
fn snapshot_round_trips(p: &crate::support::cli::Project) {
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["verify", "--strict"])
        .status(0)
        .stdout_has("the database matches")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
    p.schemagate(&["check"])
        .status(0)
        .stdout_has("check passed")
        .run();
}

#[test]
fn a_type_written_with_its_schema_compares_as_postgresql_resolves_it() {
    let p = crate::support::cli::Project::new();
    // As pg_dump writes it: the search_path emptied for the session, every name qualified.
    p.migration(
        "V1__from_pg_dump.sql",
        "SELECT pg_catalog.set_config('search_path', '', false);\n\
         CREATE TYPE public.mood AS ENUM ('sad', 'happy');\n\
         CREATE TABLE public.people (id integer NOT NULL, mood public.mood, moods public.mood[]);\n",
    );
    p.schemagate(&["snapshot"]).status(0).run();
    let written =
        std::fs::read_to_string(p.path().join("migrations/expected_schema.toml")).unwrap();
    assert!(
        written.contains(r#"mood = "mood null", moods = "mood[] null""#),
        "{written}"
    );
    snapshot_round_trips(&p);
    // Written by hand with its schema, the same type.
    p.file(
        "migrations/expected_schema.toml",
        &written.replace(r#""mood null""#, r#""public.mood null""#),
    );
    p.schemagate(&["verify"]).status(0).run();
}

#[test]
fn a_search_path_set_on_the_database_does_not_change_how_types_compare() {
    let p = crate::support::cli::Project::new();
    p.migration(
        "V1__billing.sql",
        "create schema billing;\n\
         create type billing.mood as enum ('sad', 'happy');\n\
         create table billing.invoices (id int not null, mood billing.mood);\n\
         create table people (id int not null, mood billing.mood[]);\n",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.alter_database("SET search_path = billing, public");
    // A fresh snapshot (a scratch database, where billing is not on the search_path) and the
    // database (where it is first) describe the same types.
    p.schemagate(&["snapshot"]).status(0).run();
    let written =
        std::fs::read_to_string(p.path().join("migrations/expected_schema.toml")).unwrap();
    assert!(
        written.contains(r#"mood = "billing.mood[] null""#),
        "{written}"
    );
    snapshot_round_trips(&p);
    p.schemagate(&["snapshot", "--from-live"]).status(0).run();
    let live = std::fs::read_to_string(p.path().join("migrations/expected_schema.toml")).unwrap();
    assert_eq!(live, written);
    snapshot_round_trips(&p);
}

#[test]
fn a_schema_whose_name_has_a_dot_round_trips_as_one_table() {
    let p = crate::support::cli::Project::new();
    p.migration(
        "V1__dotted.sql",
        "create schema \"my.schema\";\n\
         create type \"my.schema\".mood as enum ('sad', 'happy');\n\
         create table \"my.schema\".t (id int not null, mood \"my.schema\".mood);\n",
    );
    p.schemagate(&["snapshot"]).status(0).run();
    let written =
        std::fs::read_to_string(p.path().join("migrations/expected_schema.toml")).unwrap();
    assert!(
        written.contains(r#"[tables."\"my.schema\".t"]"#)
            && written.contains(r#"mood = "\"my.schema\".mood null""#)
            && written.contains(r#"[enums."\"my.schema\".mood"]"#),
        "{written}"
    );
    snapshot_round_trips(&p);
}

#[test]
fn an_unqualified_type_in_the_file_is_the_one_it_resolves_to_on_the_search_path() {
    let p = crate::support::cli::Project::new();
    p.migration(
        "V1__extensions.sql",
        "create schema extensions;\n\
         create type extensions.mood as enum ('sad', 'happy');\n\
         create table people (id int not null, mood extensions.mood);\n",
    );
    // As files written before types carried their schema say it (Supabase keeps extension
    // types such as `vector` in `extensions`, on the search_path).
    p.file(
        "migrations/expected_schema.toml",
        "[tables.people]\ncolumns = { id = \"integer not null\", mood = \"mood null\" }\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(9)
        .stderr_has("people.mood")
        .run();
    p.alter_database("SET search_path = \"$user\", public, extensions");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["verify"]).status(0).run();
}
