//! The no-op deploy's shortcut: a clean verification is remembered under a fingerprint of the
//! catalog and the expected file, and reused only while both are unchanged. The danger is a
//! stale "clean", so most of this file changes the schema behind schemagate's back.

use crate::support::TestDb;
use crate::support::cli::Project;
use schemagate::schema::fingerprint::fingerprint;
use schemagate::schema::introspect_with_fingerprint;

const UNCHANGED: &str = "unchanged since the last verification";

const SCHEMA: &str = "
    create schema billing;
    create type mood as enum ('happy', 'sad');
    create domain email_address as text;
    create table users (id bigint primary key, email email_address not null, name varchar(40),
                        feeling mood);
    create index ix_users_name on users (name);
    create table billing.invoices (id int primary key, total numeric(10, 2));
";

/// Every kind of change that verification can see, applied one after the other: each must
/// change the fingerprint. Changes it cannot see must leave it alone, or it would never hit.
#[test]
fn every_change_verification_can_see_changes_the_fingerprint() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let db = TestDb::create().await;
        let client = db.connect().await;
        client.batch_execute(SCHEMA).await.unwrap();
        let seen = [
            "alter index ix_users_name rename to ix_users_nick",
            "drop index ix_users_nick",
            "create index ix_users_email on users (email)",
            "alter table users rename column name to full_name",
            "alter table users alter column full_name type varchar(80)",
            "alter table users alter column full_name set not null",
            "alter table users drop column full_name",
            "alter table users add column nickname text",
            "alter type mood add value 'calm'",
            "alter type mood rename value 'calm' to 'serene'",
            "alter type mood rename to feeling",
            "alter domain email_address rename to mail_address",
            "alter table users rename to members",
            "alter table billing.invoices set schema public",
            "alter schema billing rename to accounts",
            "create table notes (id int)",
            "drop table notes",
            "create view member_names as select id from members",
            "set search_path = accounts, public",
        ];
        for change in seen {
            let before = fingerprint(&client).await.unwrap();
            client.batch_execute(change).await.unwrap();
            let after = fingerprint(&client).await.unwrap();
            assert_ne!(before, after, "the fingerprint missed: {change}");
        }
        let unseen = [
            "insert into members (id, email) values (1, 'a@example.com')",
            "update members set email = 'b@example.com'",
            "analyze members",
            "vacuum members",
            "comment on table members is 'people'",
        ];
        for change in unseen {
            let before = fingerprint(&client).await.unwrap();
            client.batch_execute(change).await.unwrap();
            assert_eq!(
                before,
                fingerprint(&client).await.unwrap(),
                "the fingerprint changed on: {change}"
            );
        }
        // The key is stored from introspection's statement and checked with the short query:
        // both must compute the same thing.
        let (_, from_introspection) = introspect_with_fingerprint(&client).await.unwrap();
        assert_eq!(from_introspection, fingerprint(&client).await.unwrap());
    });
}

fn verified_project() -> Project {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigint primary key, email text not null);\n\
         create index ix_users_email on users (email);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["snapshot", "--from-live"]).status(0).run();
    // The first deploy with the file verifies in full and remembers it.
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks(UNCHANGED)
        .run();
    p
}

#[test]
fn a_noop_deploy_reuses_the_last_verification_until_the_schema_changes() {
    let p = verified_project();
    p.schemagate(&["deploy", "--no-backup", "--", "echo", "started"])
        .status(0)
        .stderr_has(UNCHANGED)
        .stdout_has("started")
        .run();
    // The "column X does not exist" incident, by hand this time: caught on the next start.
    p.execute("alter table users drop column email");
    p.schemagate(&["deploy", "--no-backup", "--", "echo", "started"])
        .status(9)
        .stderr_lacks(UNCHANGED)
        .stderr_has("missing column users.email")
        .stdout_lacks("started")
        .run();
    // Failed runs remember nothing: the next one verifies in full again.
    p.schemagate(&["deploy", "--no-backup"])
        .status(9)
        .stderr_lacks(UNCHANGED)
        .run();
    // Dropping the column took its index along.
    p.execute(
        "alter table users add column email text not null;\n\
         create index ix_users_email on users (email);",
    );
    // A full verification says what it checked; the shortcut says that it reused one.
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks(UNCHANGED)
        .stderr_has("verified against migrations/expected_schema.toml: ")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has(UNCHANGED)
        .stderr_lacks("verified against")
        .run();
}

#[test]
fn an_edited_expected_file_is_verified_in_full() {
    let p = verified_project();
    let path = p.path().join("migrations/expected_schema.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("email = ", "nickname = \"text\", email = "),
    )
    .unwrap();
    p.schemagate(&["deploy", "--no-backup"])
        .status(9)
        .stderr_lacks(UNCHANGED)
        .stderr_has("missing column users.nickname")
        .run();
    // Only a comment more: a new file to verify, and it passes.
    std::fs::write(&path, format!("# reviewed\n{text}")).unwrap();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks(UNCHANGED)
        .run();
}

#[test]
fn a_reused_verification_repeats_its_warnings() {
    let p = verified_project();
    p.execute("create table made_by_hand (id int)");
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks(UNCHANGED)
        .stderr_has("unmanaged table made_by_hand")
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has(UNCHANGED)
        .stderr_has("unmanaged table made_by_hand")
        .run();
}

#[test]
fn an_applying_deploy_remembers_its_verification_for_the_next_start() {
    let p = verified_project();
    p.migration("V2__notes.sql", "create table notes (id int primary key);");
    p.schemagate(&["snapshot"]).status(0).run();
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has(UNCHANGED)
        .run();
}

#[test]
fn a_runs_table_written_by_an_older_schemagate_gains_the_new_columns() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int primary key);");
    p.execute(
        "create table schemagate_runs (id bigserial primary key, started_at timestamptz not null, \
         finished_at timestamptz not null default now(), host text, from_version int4, \
         to_version int4, backup_file text, outcome text not null, message text, unfinished text)",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["snapshot", "--from-live"]).status(0).run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_lacks(UNCHANGED)
        .run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has(UNCHANGED)
        .run();
    assert_eq!(p.value("select count(*) from schemagate_runs"), "3");
}

/// `CREATE INDEX CONCURRENTLY` runs after COMMIT, so the check before COMMIT leaves the index
/// for the check after it; everything else is still checked before COMMIT.
#[test]
fn an_index_built_concurrently_is_verified_after_its_migration() {
    let p = Project::new();
    p.migration(
        "V1__a.sql",
        "create table a (id int primary key, name text);",
    );
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\ncreate index concurrently if not exists ix_a_name on a (name);",
    );
    p.schemagate(&["snapshot"]).status(0).run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("missing index ix_a_name on table a: left for the no-transaction migrations")
        .run();
    assert_eq!(
        p.value("select count(*) from pg_indexes where indexname = 'ix_a_name'"),
        "1"
    );
}

#[test]
fn a_requirement_no_pending_migration_names_is_still_checked_before_commit() {
    let p = Project::new();
    p.migration(
        "V1__a.sql",
        "create table a (id int primary key, name text);",
    );
    p.file(
        "migrations/expected_schema.toml",
        "[tables.a]\ncolumns = { id = \"integer not null\", name = \"text\", email = \"text\" }\n",
    );
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\ncreate index concurrently if not exists ix_a_name on a (name);",
    );
    p.schemagate(&["deploy", "--no-backup"])
        .status(9)
        .stderr_has("missing column a.email")
        .stderr_has("rolled back, nothing was applied")
        .run();
    assert_eq!(p.user_tables(), Vec::<String>::new());
}

/// The `IF NOT EXISTS` incident inside a no-transaction migration: the name is taken by
/// another table's index, so nothing is built. The check after it says so, and that the
/// committed part stays.
#[test]
fn a_no_transaction_migration_that_did_nothing_fails_the_check_after_it() {
    let p = Project::new();
    p.migration(
        "V1__a.sql",
        "create table a (id int primary key, name text);\n\
         create table b (name text);\ncreate index ix_name on b (name);",
    );
    p.file(
        "migrations/expected_schema.toml",
        "[tables.a]\ncolumns = { id = \"*\", name = \"*\" }\nindexes = [\"ix_name\"]\n\
         [tables.b]\ncolumns = { name = \"*\" }\n",
    );
    p.migration(
        "V2__ix.sql",
        "-- schemagate:no-transaction\ncreate index concurrently if not exists ix_name on a (name);",
    );
    p.schemagate(&["deploy", "--no-backup", "--", "echo", "started"])
        .status(9)
        .stderr_has(
            "verification failed after the no-transaction migrations; the migrations stay applied",
        )
        .stderr_has("missing index ix_name on table a")
        .stderr_has("fix forward")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
}
