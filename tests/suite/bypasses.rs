//! The ways past the lint that issue 16 found, each on a real database whose tables hold rows
//! and whose expected schema is in place: every one ran with exit 0 and lost data before; each
//! must now be refused by `deploy` (exit 6) with nothing changed.

use crate::support::cli::Project;

/// A 63-byte table name: PostgreSQL's longest (NAMEDATALEN - 1).
const LONG: &str = "journey_templates_archive_of_every_step_of_every_journey_we_ran";

/// The app's database after V1: `users` (public, no secret), `app.users` with a `secret`,
/// `journey_templates`, a table with the longest name PostgreSQL keeps, and the
/// `billing_cycle` enum in use; 1000 rows in each table; the expected schema from it.
fn app() -> Project {
    assert_eq!(LONG.len(), 63);
    let p = Project::new();
    p.migration(
        "V1__app.sql",
        &format!(
            "CREATE SCHEMA app;
             CREATE TYPE billing_cycle AS ENUM ('monthly', 'yearly');
             CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL, cycle billing_cycle NOT NULL);
             CREATE TABLE app.users (id bigint PRIMARY KEY, secret text NOT NULL);
             CREATE TABLE journey_templates (id bigint PRIMARY KEY, name text NOT NULL);
             CREATE TABLE {LONG} (id bigint PRIMARY KEY);"
        ),
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute(&format!(
        "INSERT INTO users SELECT g, 'u' || g || '@example.com', 'monthly' FROM generate_series(1, 1000) g;
         INSERT INTO app.users SELECT g, 's' || g FROM generate_series(1, 1000) g;
         INSERT INTO journey_templates SELECT g, 'j' || g FROM generate_series(1, 1000) g;
         INSERT INTO {LONG} SELECT g FROM generate_series(1, 1000) g;"
    ));
    p.schemagate(&["snapshot", "--from-live"]).status(0).run();
    p
}

/// What a refused deploy must leave exactly as it was.
fn data(p: &Project) -> Vec<String> {
    p.column(&format!(
        "SELECT (SELECT count(*) FROM users) || ' ' || (SELECT count(*) FROM app.users)
             || ' ' || (SELECT count(*) FROM app.users WHERE secret IS NOT NULL)
             || ' ' || (SELECT count(*) FROM journey_templates) || ' ' || (SELECT count(*) FROM {LONG})
             || ' ' || (SELECT count(*) FROM users WHERE cycle = 'monthly')
             || ' ' || (SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum
                        WHERE enumtypid = 'billing_cycle'::regtype)
             || ' ' || (SELECT count(*) FROM information_schema.columns
                        WHERE table_schema = 'app' AND column_name = 'secret')"
    ))
}

/// V2 holding `sql` is refused by `deploy` under `rule`, and nothing changes.
fn refused(sql: &str, rule: &str) {
    let p = app();
    let before = data(&p);
    assert_eq!(
        before,
        ["1000 1000 1000 1000 1000 1000 monthly,yearly 1"],
        "the setup"
    );
    p.migration("V2__change.sql", sql);
    p.schemagate(&["deploy", "--no-backup"])
        .status(6)
        .stderr_has("V2__change.sql:")
        .stderr_has(&format!("{rule} (deny)"))
        .stderr_has(&format!("-- squawk-ignore {rule}"))
        .run();
    assert_eq!(data(&p), before);
    assert_eq!(p.applied_versions(), [1]);
    // `plan` says the same before anything runs.
    p.schemagate(&["plan"]).status(6).stderr_has(rule).run();
}

#[test]
fn delete_where_true_is_a_delete_without_where() {
    refused(
        "DELETE FROM journey_templates WHERE true;",
        "ban-delete-without-where",
    );
}

#[test]
fn delete_where_one_equals_one_is_a_delete_without_where() {
    refused(
        "DELETE FROM journey_templates WHERE 1=1;",
        "ban-delete-without-where",
    );
}

#[test]
fn delete_with_any_condition_that_is_always_true_or_blind_to_the_row_is_refused() {
    for condition in [
        "NOT false",
        "id = id",
        "name IS NOT NULL OR 1 = 1",
        "now() > '2000-01-01'",
        "EXISTS (SELECT 1)",
    ] {
        refused(
            &format!("DELETE FROM journey_templates WHERE {condition};"),
            "ban-delete-without-where",
        );
    }
}

#[test]
fn delete_inside_with_is_refused() {
    refused(
        "WITH gone AS (DELETE FROM journey_templates RETURNING id)\nSELECT count(*) FROM gone;",
        "ban-delete-without-where",
    );
}

#[test]
fn merge_when_matched_then_delete_is_refused() {
    refused(
        "MERGE INTO journey_templates t USING (SELECT 1 AS one) s ON true\nWHEN MATCHED THEN DELETE;",
        "ban-delete-without-where",
    );
}

#[test]
fn a_prepared_delete_is_refused_where_it_is_executed() {
    let p = app();
    p.migration(
        "V2__change.sql",
        "PREPARE purge AS DELETE FROM journey_templates;\nEXECUTE purge;\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(6)
        .stderr_has("V2__change.sql:2:1: ban-delete-without-where (deny)")
        .stderr_has("PREPAREd as purge at V2__change.sql:1:1")
        .run();
    assert_eq!(data(&p), ["1000 1000 1000 1000 1000 1000 monthly,yearly 1"]);
    // Allowed where it runs, it runs.
    p.migration(
        "V2__change.sql",
        "PREPARE purge AS DELETE FROM journey_templates;\n-- squawk-ignore ban-delete-without-where\nEXECUTE purge;\n",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.value("SELECT count(*) FROM journey_templates"), "0");
}

#[test]
fn a_temporary_table_does_not_hide_the_real_one() {
    refused(
        "CREATE TEMP TABLE journey_templates (id int);\nDROP TABLE journey_templates;\nTRUNCATE journey_templates;",
        "ban-truncate",
    );
}

#[test]
fn a_name_postgres_truncates_to_an_existing_table_is_that_table() {
    refused(
        &format!("DROP TABLE {LONG}_and_then_some;"),
        "ban-drop-table",
    );
}

#[test]
fn search_path_decides_which_table_an_unqualified_name_is() {
    refused(
        "SET search_path = app, public;\nALTER TABLE users DROP COLUMN secret;",
        "ban-drop-column",
    );
    refused(
        "SELECT set_config('search_path', 'app, public', false);\nALTER TABLE users DROP COLUMN secret;",
        "ban-drop-column",
    );
}

#[test]
fn unicode_escaped_identifiers_are_the_names_they_spell() {
    refused(
        "ALTER TABLE app.users DROP COLUMN U&\"secr\\0065t\";",
        "ban-drop-column",
    );
    refused(
        "ALTER TABLE app.U&\"!0075sers\" UESCAPE '!' DROP COLUMN secret;",
        "ban-drop-column",
    );
}

#[test]
fn renaming_an_enum_value_then_adding_the_old_name_is_refused() {
    refused(
        "ALTER TYPE billing_cycle RENAME VALUE 'monthly' TO 'monthly2';\nALTER TYPE billing_cycle ADD VALUE 'monthly';",
        "renaming-enum-value",
    );
}

/// An `UPDATE` of every row of an existing table is a warning by default (a backfill looks
/// the same); the policy can make it a refusal; a backfill of a column the run adds is not
/// reported at all.
#[test]
fn update_without_where_warns_and_the_policy_can_refuse_it() {
    let p = app();
    p.migration(
        "V2__change.sql",
        "UPDATE app.users SET secret = '' WHERE true;",
    );
    p.file(
        "schemagate.toml",
        "[lint]\nban-update-without-where = \"deny\"\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(6)
        .stderr_has("ban-update-without-where (deny)")
        .stderr_has("UPDATE whose WHERE is always true rewrites every row of the table")
        .run();
    assert_eq!(data(&p), ["1000 1000 1000 1000 1000 1000 monthly,yearly 1"]);
    std::fs::remove_file(p.path().join("schemagate.toml")).unwrap();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("warning: V2__change.sql:1:1: ban-update-without-where (warn)")
        .run();

    p.migration(
        "V3__backfill.sql",
        "ALTER TABLE journey_templates ADD COLUMN slug text;\nUPDATE journey_templates SET slug = lower(name);",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks("ban-update-without-where")
        .run();
}
