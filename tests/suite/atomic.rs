//! All or nothing, and never a false word: transaction control in a migration is refused
//! before anything runs; migrations run in version order, in steps cut at no-transaction files;
//! an INVALID index never counts as applied; every outcome message says what the history then
//! holds; `pg_dump` does not wait for ever behind a lock.

use std::time::Duration;

use crate::support::cli::Project;

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn a_commit_inside_a_migration_is_refused_before_anything_runs() {
    let p = Project::new();
    p.migration("V1__a.sql", "BEGIN;\nCREATE TABLE a (id int);\nCOMMIT;\n");
    p.migration("V2__b.sql", "SELECT 1/0;\n");
    for command in [
        &["lint", "--all"][..],
        &["plan"],
        &["deploy", "--no-backup"],
    ] {
        p.schemagate(command)
            .status(6)
            .stderr_has("V1__a.sql:1:1: transaction-control (deny): BEGIN / START TRANSACTION in a migration")
            .stderr_has("V1__a.sql:3:1: transaction-control (deny): COMMIT / END in a migration")
            .run();
    }
    assert!(p.user_tables().is_empty(), "{:?}", p.user_tables());
    assert!(p.applied_versions().is_empty());
}

#[test]
fn a_rollback_in_the_middle_of_a_run_is_refused_and_the_database_stays_at_v1() {
    let p = Project::new();
    p.migration("V1__a.sql", "CREATE TABLE a (id int);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration("V2__b.sql", "CREATE TABLE b (id int);");
    p.migration("V3__c.sql", "CREATE TABLE c (id int);\nROLLBACK;\n");
    p.migration("V4__d.sql", "CREATE TABLE d (id int);");
    p.schemagate(&["deploy", "--no-backup", "--", "echo", "started"])
        .status(6)
        .stderr_has("V3__c.sql:2:1: transaction-control (deny): ROLLBACK / ABORT in a migration")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.user_tables(), ["a"]);
    assert_eq!(p.applied_versions(), [1]);
    for other in [
        "END;",
        "ABORT;",
        "START TRANSACTION;",
        "PREPARE TRANSACTION 'x';",
        "COMMIT PREPARED 'x';",
        "ROLLBACK PREPARED 'x';",
    ] {
        p.migration("V3__c.sql", &format!("CREATE TABLE c (id int);\n{other}\n"));
        p.schemagate(&["lint", "--all"])
            .status(6)
            .stderr_has("V3__c.sql:2:1: transaction-control (deny)")
            .run();
    }
}

#[test]
fn transaction_words_in_strings_bodies_and_savepoints_are_not_transaction_control() {
    let p = Project::new();
    p.migration(
        "V1__notes.sql",
        "CREATE TABLE notes (body text);\n\
         INSERT INTO notes VALUES ('BEGIN; COMMIT;'), ($$ROLLBACK$$);\n\
         DO $$ BEGIN PERFORM 1; END $$;\n\
         CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $f$ BEGIN RETURN 1; END $f$;\n\
         SAVEPOINT before_more;\n\
         INSERT INTO notes VALUES ('x');\n\
         ROLLBACK TO SAVEPOINT before_more;\n\
         RELEASE SAVEPOINT before_more;\n",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.value("select count(*) from notes"), "2");
    assert_eq!(p.applied_versions(), [1]);
}

/// The check before COMMIT that the session is still in the transaction schemagate opened, for
/// a COMMIT the lint could not see.
#[test]
fn a_transaction_ended_inside_a_step_is_caught_before_commit() {
    let p = Project::new();
    let rt = runtime();
    rt.block_on(async {
        let mut client = p.db.connect().await;
        let timeouts = schemagate::apply::Timeouts {
            lock_timeout: Duration::from_secs(1),
            statement_timeout: Duration::ZERO,
        };
        let (tx, xid) = schemagate::apply::transaction::begin(&mut client, timeouts)
            .await
            .unwrap();
        schemagate::apply::transaction::ensure_still_open(&tx, xid, &[])
            .await
            .expect("the transaction it opened");
        tx.batch_execute("CREATE TABLE early (id int); COMMIT; CREATE TABLE late (id int);")
            .await
            .unwrap();
        let err = schemagate::apply::transaction::ensure_still_open(&tx, xid, &[])
            .await
            .unwrap_err();
        assert_eq!(err.exit_code(), 8);
        assert!(
            err.to_string()
                .contains("ended schemagate's transaction itself"),
            "{err}"
        );
    });
}

#[test]
fn a_no_transaction_migration_runs_in_version_order_between_the_others() {
    let p = Project::new();
    p.migration("V1__t.sql", "CREATE TABLE t (id int);");
    p.migration(
        "V2__c.sql",
        "-- schemagate:no-transaction\nALTER TABLE t ADD COLUMN IF NOT EXISTS c int;\n",
    );
    p.migration("V3__use_c.sql", "CREATE INDEX ix_t_c ON t (c);");
    p.schemagate(&["plan"])
        .status(0)
        .stdout_has("  V1__t.sql (step 1 of 3, in the transaction)\n  V2__c.sql (step 2 of 3, outside the transaction)\n  V3__use_c.sql (step 3 of 3, in the transaction)")
        .stdout_has("3 steps, in version order")
        .run();
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);
    assert_eq!(
        p.value("select count(*) from pg_indexes where indexname = 'ix_t_c'"),
        "1"
    );
}

#[test]
fn a_failure_in_a_later_step_says_what_the_earlier_steps_left_applied() {
    let p = Project::new();
    p.migration("V1__t.sql", "CREATE TABLE t (id int, email text);");
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\nCREATE INDEX CONCURRENTLY IF NOT EXISTS ix_t_email ON t (email);\n",
    );
    p.migration("V3__boom.sql", "CREATE TABLE u (id int);\nSELECT 1/0;\n");
    p.schemagate(&["deploy", "--no-backup", "--", "echo", "started"])
        .status(8)
        .stderr_has("division by zero")
        .stderr_has("rolled back: V1__t.sql, V2__ix.sql stay applied (committed before the failure); not applied: V3__boom.sql")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(p.user_tables(), ["t"]);
    p.schemagate(&["status"])
        .status(0)
        .stdout_has("applied: 2")
        .stdout_has("pending: 1\n  V3__boom.sql")
        .stdout_has("none -> v2  failed (exit 8)")
        .run();
}

#[test]
fn a_failure_in_the_only_step_says_nothing_was_applied() {
    let p = Project::new();
    p.migration("V1__t.sql", "CREATE TABLE t (id int);");
    p.migration("V2__boom.sql", "SELECT 1/0;");
    p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has(
            "rolled back: none of the 2 pending migrations was applied (V1__t.sql, V2__boom.sql)",
        )
        .run();
    assert!(p.applied_versions().is_empty());
}

/// The idempotent `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS` the README recommends fails
/// on duplicates and leaves an INVALID index; the retry a restart policy makes must not count
/// it as applied.
#[test]
fn an_invalid_index_is_never_counted_as_applied() {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "CREATE TABLE users (id int primary key, email text);\n\
         INSERT INTO users VALUES (1, 'a@x'), (2, 'a@x');",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["snapshot", "--from-live"]).status(0).run();
    let expected =
        std::fs::read_to_string(p.path().join("migrations/expected_schema.toml")).unwrap();
    p.file(
        "migrations/expected_schema.toml",
        &expected.replace("\"users_pkey\"", "\"users_pkey\", \"ux_users_email\""),
    );
    p.migration(
        "V2__unique_email.sql",
        "-- schemagate:no-transaction\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS ux_users_email ON users (email);\n",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(8)
        .stderr_has("could not create unique index")
        .stderr_has("DROP INDEX CONCURRENTLY public.ux_users_email;")
        .run();
    assert_eq!(p.applied_versions(), [1]);
    // The retry: IF NOT EXISTS skips the invalid index; it still is not applied.
    p.schemagate(&["deploy", "--no-backup", "--", "echo", "started"])
        .status(8)
        .stderr_has("V2__unique_email.sql: its statements ran, but an index it names is INVALID")
        .stderr_has("remove it with: DROP INDEX CONCURRENTLY public.ux_users_email;")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.applied_versions(), [1]);
    p.schemagate(&["verify"])
        .status(9)
        .stdout_has("index ux_users_email on table users is INVALID")
        .run();
    // The way out the message gives, then the duplicates fixed: applied and valid.
    p.execute("DROP INDEX CONCURRENTLY public.ux_users_email");
    p.execute("UPDATE users SET email = 'b@x' WHERE id = 2");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.applied_versions(), [1, 2]);
    p.schemagate(&["verify"]).status(0).run();
}

#[test]
fn pg_dump_waits_for_a_locked_table_no_longer_than_the_lock_timeout_and_names_it() {
    let p = Project::new();
    p.migration("V1__t.sql", "CREATE TABLE t (id int);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration("V2__u.sql", "CREATE TABLE u (id int);");
    let rt = runtime();
    let holder = rt.block_on(async {
        let c = p.db.connect().await;
        c.batch_execute("BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE;")
            .await
            .unwrap();
        c
    });
    p.schemagate(&["deploy", "--lock-timeout", "1s"])
        .status(7)
        .stderr_has("pg_dump could not lock table public.t within 1s")
        .within(Duration::from_secs(120))
        .run();
    assert_eq!(p.applied_versions(), [1]);
    drop(holder);
}

#[test]
fn a_directory_named_like_a_migration_is_an_error() {
    let p = Project::new();
    p.migration("V1__t.sql", "CREATE TABLE t (id int);");
    std::fs::create_dir(p.path().join("migrations/V2__x.sql")).unwrap();
    p.schemagate(&["deploy", "--no-backup"])
        .status(2)
        .stderr_has("migrations/V2__x.sql: a directory, not a migration file")
        .run();
    assert!(p.applied_versions().is_empty());
}

#[test]
fn a_file_too_large_to_lint_is_applied_with_a_warning() {
    let p = Project::new();
    p.migration("V1__t.sql", "CREATE TABLE t (id int, body text);");
    let row = format!("INSERT INTO t VALUES (1, '{}');\n", "x".repeat(1000));
    p.migration("V2__data.sql", &row.repeat(1200));
    p.schemagate(&["lint", "--all"])
        .status(0)
        .stderr_has("V2__data.sql:1:1: not-linted (warn): not linted: the file is")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("not linted")
        .run();
    assert_eq!(p.value("select count(*) from t"), "1200");
}
