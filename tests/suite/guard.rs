//! The guard before COMMIT, through the CLI on a real database: what the lint cannot see (a
//! `DO` block that `EXECUTE`s a `TRUNCATE`, a function that deletes, a condition that only
//! looks selective) and that empties a table fails the deploy (exit 9), rolled back, with the
//! numbers and the statement to annotate; an annotated loss, a small one, and the
//! `max_row_loss` setting let it through.

use crate::support::cli::Project;

/// `journey_templates` with 1000 rows, analysed (so the catalog knows how many it holds, as a
/// production database's statistics do), and the expected schema.
fn app() -> Project {
    let p = Project::new();
    p.migration(
        "V1__app.sql",
        "CREATE TABLE journey_templates (id bigint PRIMARY KEY, name text NOT NULL);
         CREATE TABLE users (id bigint PRIMARY KEY);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute(
        "INSERT INTO journey_templates SELECT g, 'j' || g FROM generate_series(1, 1000) g;
         INSERT INTO users SELECT g FROM generate_series(1, 10) g;
         ANALYZE journey_templates;",
    );
    p.schemagate(&["snapshot", "--from-live"]).status(0).run();
    p
}

fn rows(p: &Project) -> String {
    p.value("SELECT count(*) FROM journey_templates")
}

#[test]
fn a_do_block_that_truncates_fails_the_deploy_and_rolls_back() {
    let p = app();
    p.migration(
        "V2__cleanup.sql",
        "CREATE TABLE audit (id int);\nDO $$ BEGIN EXECUTE 'TRUNCATE ' || 'journey_templates'; END $$;\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(9)
        .stderr_has("table journey_templates lost 1000 of 1000 rows in this transaction (truncated, 0 updated, 0 left), and no allowed statement explains it: migrations/V2__cleanup.sql:2:1 (a DO block)")
        .stderr_has("rolled back, nothing was applied")
        .stderr_has("hint: if this is intended, put \"-- squawk-ignore ban-truncate\" on the line before the statement that does it")
        .run();
    assert_eq!(rows(&p), "1000");
    assert_eq!(p.applied_versions(), [1]);
    assert!(!p.user_tables().contains(&"audit".to_string()));

    // Marked as intended, it runs.
    p.migration(
        "V2__cleanup.sql",
        "CREATE TABLE audit (id int);\n-- squawk-ignore ban-truncate\nDO $$ BEGIN EXECUTE 'TRUNCATE ' || 'journey_templates'; END $$;\n",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(rows(&p), "0");
    assert_eq!(p.applied_versions(), [1, 2]);
}

#[test]
fn a_function_that_deletes_fails_the_deploy() {
    let p = app();
    p.migration(
        "V2__purge.sql",
        "CREATE FUNCTION purge_templates() RETURNS void LANGUAGE plpgsql AS $$\n\
         BEGIN DELETE FROM journey_templates WHERE id > 0; END $$;\n\
         SELECT purge_templates();\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(9)
        .stderr_has("table journey_templates lost 1000 of 1000 rows in this transaction (1000 deleted, 0 updated, 0 left)")
        .stderr_has("migrations/V2__purge.sql:3:1 (a function call)")
        .stderr_has("-- squawk-ignore ban-delete-without-where")
        .run();
    assert_eq!(rows(&p), "1000");
    assert_eq!(p.applied_versions(), [1]);
}

/// A `DELETE` whose condition looks selective but takes most rows is not something the lint
/// can know; the guard names it as the statement to annotate.
#[test]
fn a_visible_delete_that_takes_most_rows_is_named() {
    let p = app();
    p.migration(
        "V2__old.sql",
        "DELETE FROM journey_templates WHERE id > 100;\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(9)
        .stderr_has("table journey_templates lost 900 of 1000 rows in this transaction (900 deleted, 0 updated, 100 left)")
        .stderr_has("migrations/V2__old.sql:1:1 (DELETE)")
        .run();
    assert_eq!(rows(&p), "1000");
    p.migration(
        "V2__old.sql",
        "-- squawk-ignore ban-delete-without-where\nDELETE FROM journey_templates WHERE id > 100;\n",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(rows(&p), "100");
}

/// The threshold: 600 of 1000 rows is more than the default 50%, less than 70%; `off` turns
/// the guard off; fewer than 100 lost rows never count.
#[test]
fn max_row_loss_sets_how_large_a_loss_fails() {
    let p = app();
    p.migration(
        "V2__trim.sql",
        "CREATE FUNCTION trim_templates() RETURNS void LANGUAGE sql AS 'DELETE FROM journey_templates WHERE id <= 600';\n\
         SELECT trim_templates();\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(9)
        .stderr_has("lost 600 of 1000 rows")
        .run();
    p.schemagate(&["deploy", "--no-backup", "--max-row-loss", "70%"])
        .status(0)
        .run();
    assert_eq!(rows(&p), "400");

    p.migration(
        "V3__trim.sql",
        "SELECT trim_templates();\nCREATE FUNCTION trim_more() RETURNS void LANGUAGE sql AS 'DELETE FROM journey_templates WHERE id <= 900';\nSELECT trim_more();\n",
    );
    p.file("schemagate.toml", "max_row_loss = \"off\"\n");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(rows(&p), "100");

    // 99 of the last 100: fewer than 100 lost rows never fail the run.
    std::fs::remove_file(p.path().join("schemagate.toml")).unwrap();
    p.execute("ANALYZE journey_templates");
    p.migration(
        "V4__trim.sql",
        "CREATE FUNCTION trim_last() RETURNS void LANGUAGE sql AS 'DELETE FROM journey_templates WHERE id < 1000';\nSELECT trim_last();\n",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(rows(&p), "1");

    p.schemagate(&["deploy", "--max-row-loss", "150%"])
        .status(2)
        .stderr_has("--max-row-loss: \"150%\" is not a share between 0% (exclusive) and 100%")
        .run();
}

/// A policy that does not deny truncation accepts it wherever it comes from; a rewrite that
/// keeps every row (a new storage, the same rows) is no loss.
#[test]
fn a_policy_that_allows_truncation_and_a_rewrite_that_keeps_rows_pass() {
    let p = app();
    p.migration(
        "V2__retype.sql",
        "ALTER TABLE journey_templates ADD COLUMN rank int;\nALTER TABLE journey_templates ALTER COLUMN rank TYPE bigint;\n",
    );
    let storage =
        || p.value("SELECT relfilenode FROM pg_class WHERE relname = 'journey_templates'");
    let before = storage();
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_ne!(storage(), before, "the table was not rewritten");
    assert_eq!(rows(&p), "1000");
    p.execute("ANALYZE journey_templates");
    p.migration(
        "V3__truncate.sql",
        "DO $$ BEGIN EXECUTE 'TRUNCATE journey_templates'; END $$;\n",
    );
    p.file("schemagate.toml", "[lint]\nban-truncate = \"warn\"\n");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(rows(&p), "0");
}
