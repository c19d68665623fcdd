//! `restore` as the README's recovery runbook uses it (issue 17): a whole restore gives back
//! the state before the deploy and nothing more, under the lock, after a backup of the current
//! state, recorded in a run log that is never rewound; `--table` takes names as PostgreSQL
//! spells them and brings a dropped table back whole or an emptied table's rows back by column
//! name; failures roll back and say so; no password file is left on disk, and no file
//! schemagate did not write is touched.

use std::path::{Path, PathBuf};

use crate::support::cli::Project;

/// The `.dump` files in `dir`, sorted by name.
fn dumps(dir: &Path) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    list.retain(|p| p.extension().is_some_and(|e| e == "dump"));
    list.sort();
    list
}

fn only_dump(p: &Project) -> String {
    let files = dumps(&p.path().join("bk"));
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].to_str().unwrap().to_string()
}

const USERS: &str = "create table users (id bigserial primary key, email text not null);";
const POSTS: &str =
    "create table posts (id bigserial primary key, user_id bigint not null references users(id));";

/// V1 users, V2 posts, deployed without a backup, with rows; then V3, deployed with a backup
/// (`bk/...-v2.dump`), that adds what a later migration adds: a table with a foreign key to
/// users, a column on users, a view, a type, a function, a schema of its own.
fn deployed_v3() -> (Project, String) {
    let p = Project::new();
    p.migration("V1__users.sql", USERS);
    p.migration("V2__posts.sql", POSTS);
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute(
        "insert into users (email) select 'u' || g || '@example.com' from generate_series(1, 20) g;
         insert into posts (user_id) select id from users;",
    );
    p.migration(
        "V3__audit.sql",
        "create table audit (id bigserial primary key, user_id bigint not null references users(id));\n\
         alter table users add column nickname text;\n\
         create view active_users as select id, nickname from users;\n\
         create type mood as enum ('happy', 'sad');\n\
         create function audit_count() returns bigint language sql as $$ select count(*) from audit $$;\n\
         create schema reporting;\n\
         create table reporting.daily (day date primary key, audit_id bigint references audit(id));\n",
    );
    p.schemagate(&["deploy", "--backup-dir", "bk"])
        .status(0)
        .stderr_has("applied V3__audit.sql")
        .run();
    p.execute(
        "insert into audit (user_id) select id from users;
         insert into users (email, nickname) values ('late@example.com', 'late');",
    );
    let dump = only_dump(&p);
    assert!(dump.ends_with("-v2.dump"), "{dump}");
    (p, dump)
}

fn runs(p: &Project) -> Vec<String> {
    p.column("select outcome from schemagate_runs order by id")
}

/// What V3 made is gone, whatever depends on what; the rows are the backup's.
fn assert_state_before_v3(p: &Project) {
    assert_eq!(p.user_tables(), ["posts", "users"]);
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(p.value("select count(*) from users"), "20");
    assert_eq!(p.value("select count(*) from posts"), "20");
    for gone in [
        "select to_regclass('active_users') is null",
        "select to_regtype('mood') is null",
        "select to_regprocedure('audit_count()') is null",
        "select not exists (select 1 from pg_namespace where nspname = 'reporting')",
        "select not exists (select 1 from information_schema.columns where table_name = 'users' and column_name = 'nickname')",
    ] {
        assert_eq!(p.value(gone), "t", "{gone}");
    }
}

#[test]
fn whole_restore_gives_back_the_state_before_the_deploy_and_the_next_deploy_reapplies() {
    let (p, dump) = deployed_v3();
    let runs_before = runs(&p);

    // Not confirmed: nothing happens.
    p.schemagate(&["restore", &dump, "--backup-dir", "bk"])
        .status(2)
        .stderr_has("--yes")
        .stderr_has("the backup does not have 2 table(s), which the restore drops: public.audit")
        .stderr_has("reporting.daily")
        .run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);

    p.schemagate(&["restore", &dump, "--backup-dir", "bk", "--yes"])
        .status(0)
        .stderr_has("backup of the current state: bk/")
        .stderr_has("-v3-pre-restore.dump")
        .stderr_has("the history is at version 2")
        .run();
    assert_state_before_v3(&p);

    // The run log is not rewound: the runs before are there, and the restore after them.
    let after = runs(&p);
    assert_eq!(after[..runs_before.len()], runs_before[..]);
    assert_eq!(after.last().map(String::as_str), Some("restored"));
    let pre: Vec<PathBuf> = dumps(&p.path().join("bk"))
        .into_iter()
        .filter(|d| d.to_str().unwrap().ends_with("-v3-pre-restore.dump"))
        .collect();
    assert_eq!(pre.len(), 1, "no pre-restore backup");
    p.schemagate(&["backups", "--backup-dir", "bk"])
        .status(0)
        .stdout_has("-v3-pre-restore.dump")
        .run();
    p.schemagate(&["status"])
        .status(0)
        .stdout_has("restored")
        .run();

    // The next deploy applies V3 again, on a database without its objects.
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V3__audit.sql")
        .run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);

    // And the pre-restore backup gives back the state the restore replaced.
    let pre = pre[0].to_str().unwrap().to_string();
    p.schemagate(&["restore", &pre, "--backup-dir", "bk", "--yes"])
        .status(0)
        .run();
    assert_eq!(p.value("select count(*) from audit"), "20");
    assert_eq!(
        p.value("select nickname from users where email = 'late@example.com'"),
        "late"
    );
}

/// A restore that fails part-way (here a grant to a role dropped since the backup) rolls back:
/// the database is as before it, the message says so, exit 7, and the failure is in the run log.
#[test]
fn a_failed_whole_restore_rolls_back_and_says_so() {
    let (p, dump) = deployed_v3();
    let role = format!(
        "gone_{}",
        p.db.name.replace(|c: char| !c.is_ascii_alphanumeric(), "_")
    );
    p.execute(&format!(
        "create role {role}; grant select on users to {role};"
    ));
    p.schemagate(&["backup", "--backup-dir", "bk2"])
        .status(0)
        .run();
    let with_grant = dumps(&p.path().join("bk2"))[0]
        .to_str()
        .unwrap()
        .to_string();
    p.execute(&format!("drop owned by {role}; drop role {role};"));

    p.schemagate(&["restore", &with_grant, "--backup-dir", "bk", "--yes"])
        .status(7)
        .stderr_has("restore failed:")
        .stderr_has(&role)
        .stderr_has("rolled back: the database is as it was before the restore")
        .stderr_lacks("nothing was applied")
        .run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);
    assert_eq!(p.value("select count(*) from audit"), "20");
    assert_eq!(runs(&p).last().map(String::as_str), Some("restore-failed"));
    // The earlier backup still restores.
    p.schemagate(&["restore", &dump, "--backup-dir", "bk", "--yes"])
        .status(0)
        .run();
    assert_state_before_v3(&p);
}

/// SIGTERM while the whole restore runs (here: its DROP waits for a lock the app holds): the
/// statement is cancelled, the transaction rolled back, the lock released, exit 143.
#[test]
fn sigterm_during_a_whole_restore_leaves_the_database_as_it_was() {
    let (p, dump) = deployed_v3();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (app, _task) = rt.block_on(crate::support::connect_with_task(&p.db.url));
    rt.block_on(app.batch_execute("BEGIN; LOCK TABLE posts IN ACCESS SHARE MODE"))
        .unwrap();
    let restore = p
        .schemagate(&[
            "restore",
            &dump,
            "--backup-dir",
            "bk",
            "--lock-timeout",
            "120s",
            "--yes",
        ])
        .start();
    let waiting = "select count(*) from pg_stat_activity where wait_event_type = 'Lock' \
                   and query like 'DROP %'";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while p.value(waiting) != "1" {
        assert!(
            std::time::Instant::now() < deadline,
            "the restore never waited: {}",
            restore.stderr_so_far()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    restore.signal(libc::SIGTERM);
    // Cancelled on the server while the app still holds its lock: not left to wait out the
    // lock timeout.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while p.value(waiting) != "0" {
        assert!(
            std::time::Instant::now() < deadline,
            "the restore's statement was not cancelled: {}",
            restore.stderr_so_far()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let (status, _, stderr) = restore.finish();
    assert_eq!(status, Some(143), "{stderr}");
    assert!(stderr.contains("rolled back"), "{stderr}");
    rt.block_on(app.batch_execute("COMMIT")).unwrap();
    assert_eq!(p.applied_versions(), [1, 2, 3]);
    assert_eq!(p.value("select count(*) from audit"), "20");
    assert_eq!(p.value("select count(*) from users"), "21");
    assert_eq!(
        p.value(
            "select count(*) from pg_locks where locktype = 'advisory' \
             and database = (select oid from pg_database where datname = current_database())"
        ),
        "0"
    );
}

/// A restore started while a deploy migrates waits for the lock, warns about the sessions it
/// sees (naming them), then gives back the backup's state: the deploy's table does not stay.
#[test]
fn restore_during_a_deploy_waits_for_it_then_leaves_nothing_of_it() {
    let p = Project::new();
    p.migration("V1__users.sql", USERS);
    p.migration("V2__posts.sql", POSTS);
    p.schemagate(&["deploy", "--backup-dir", "bk"])
        .status(0)
        .run();
    // The backup taken before V1 and V2: an empty database.
    let dump = only_dump(&p);
    p.execute("insert into users (email) values ('a@example.com')");

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (holder, _task) = rt.block_on(crate::support::connect_with_task(&p.db.url));
    rt.block_on(
        holder.batch_execute(
            "SET application_name = 'billing-worker'; SELECT pg_advisory_lock(4217)",
        ),
    )
    .unwrap();
    let holder_pid: i32 = rt
        .block_on(holder.query_one("select pg_backend_pid()", &[]))
        .unwrap()
        .get(0);
    p.migration(
        "V3__slow.sql",
        "create table slow (id int);\nselect pg_advisory_xact_lock(4217);\n",
    );
    let deploy = p
        .schemagate(&[
            "deploy",
            "--no-backup",
            "--lock-timeout",
            "120s",
            "--",
            "sh",
            "-c",
            "echo started",
        ])
        .start();
    // The deploy holds the migration lock and waits on ours.
    let waiting = "select count(*) from pg_stat_activity where wait_event_type = 'Lock' \
                   and query like '%pg_advisory_xact_lock(4217)%'";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while p.value(waiting) != "1" {
        assert!(
            std::time::Instant::now() < deadline,
            "the deploy never waited"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let restore = p
        .schemagate(&["restore", &dump, "--backup-dir", "bk", "--yes"])
        .start();
    restore.wait_for_stderr("waiting for the migration lock");
    rt.block_on(holder.batch_execute("SELECT pg_advisory_unlock(4217)"))
        .unwrap();
    let (status, stdout, stderr) = deploy.finish();
    assert_eq!(status, Some(0), "{stderr}");
    assert!(stdout.contains("started"), "{stdout}");
    let (status, _, stderr) = restore.finish();
    assert_eq!(status, Some(0), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "pid {holder_pid} application_name billing-worker from 127.0.0.1 user postgres"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains("other session(s) are connected"),
        "{stderr}"
    );
    assert!(p.user_tables().is_empty(), "{:?}", p.user_tables());
    assert!(p.applied_versions().is_empty());
    let outcomes = runs(&p);
    assert_eq!(outcomes.last().map(String::as_str), Some("restored"));
    assert!(outcomes.len() >= 3, "{outcomes:?}");
}

/// Names as PostgreSQL spells them, with one meaning with or without --data-only; bad names are
/// usage errors (exit 2) that change nothing.
#[test]
fn table_names_are_read_as_postgresql_reads_them() {
    let p = Project::new();
    p.execute(
        "create table users (id int primary key, email text);
         insert into users values (1, 'lower');
         create table \"Users\" (id serial primary key, name text);
         insert into \"Users\" (name) values ('upper'), ('case');
         create schema \"Mixed Case\";
         create table \"Mixed Case\".\"Users\" (id int primary key);
         insert into \"Mixed Case\".\"Users\" values (7);
         create schema \"a.b\";
         create table \"a.b\".t (id int generated always as identity primary key, x text);
         insert into \"a.b\".t (x) values ('dotted');",
    );
    p.schemagate(&["backup", "--backup-dir", "bk"])
        .status(0)
        .run();
    let dump = only_dump(&p);
    p.execute(
        "truncate users; drop table \"Users\"; drop table \"Mixed Case\".\"Users\"; drop table \"a.b\".t;",
    );

    // `Users` unquoted is `users`, with --data-only or without.
    p.schemagate(&["restore", &dump, "--table", "Users", "--data-only", "--yes"])
        .status(0)
        .stdout_has("public.users: 1 row(s)")
        .run();
    p.execute("truncate users");
    p.schemagate(&["restore", &dump, "--table", "Users", "--yes"])
        .status(0)
        .stdout_has("public.users: 1 row(s)")
        .run();
    assert_eq!(p.value("select email from users"), "lower");
    assert_eq!(
        p.value("select to_regclass('public.\"Users\"') is null"),
        "t"
    );

    p.schemagate(&["restore", &dump, "--table", "\"Users\"", "--yes"])
        .status(0)
        .stdout_has("public.\"Users\": 2 row(s)")
        .run();
    p.execute("drop table \"Users\"");
    p.schemagate(&["restore", &dump, "--table", "public.\"Users\"", "--yes"])
        .status(0)
        .run();
    assert_eq!(
        p.column("select name from \"Users\" order by id"),
        ["upper", "case"]
    );
    // Its serial sequence came back with it, past the restored rows.
    p.execute("insert into \"Users\" (name) values ('new')");
    assert_eq!(p.value("select max(id) from \"Users\""), "3");

    p.schemagate(&[
        "restore",
        &dump,
        "--table",
        "\"Mixed Case\".\"Users\"",
        "--table",
        "\"a.b\".t",
        "--yes",
    ])
    .status(0)
    .run();
    assert_eq!(p.value("select id from \"Mixed Case\".\"Users\""), "7");
    assert_eq!(p.value("select x from \"a.b\".t"), "dotted");
    // A table whose schema was dropped with it: the schema comes back first.
    p.execute("drop schema \"a.b\" cascade");
    p.schemagate(&["restore", &dump, "--table", "\"a.b\".t", "--yes"])
        .status(0)
        .stdout_has("\"a.b\".t: 1 row(s)")
        .run();
    assert_eq!(p.value("select x from \"a.b\".t"), "dotted");

    for (bad, says) in [
        ("a.b.c", "not a table name"),
        ("\"open", "not a table name"),
        ("no such", "not a table name"),
        ("nope", "table public.nope is not in"),
        ("users_typo", "is not in"),
    ] {
        p.schemagate(&["restore", &dump, "--table", bad, "--yes"])
            .status(2)
            .stderr_has(says)
            .stderr_lacks("unreachable")
            .run();
    }
    // A name that differs in case only: the hint names the backup's spelling.
    p.execute("drop table \"Mixed Case\".\"Users\"");
    p.schemagate(&["restore", &dump, "--table", "\"Mixed Case\".users", "--yes"])
        .status(2)
        .stderr_has("Mixed Case Users")
        .run();
}

/// The journey_templates incident replayed: a migration dropped the table with its rows; one
/// command brings it back with its rows, keys, index and foreign key, and prints the count.
#[test]
fn journey_templates_incident_one_command_brings_the_rows_back() {
    let p = Project::new();
    p.migration("V1__users.sql", USERS);
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute(
        "insert into users (email) values ('a@example.com'), ('b@example.com');
         create table journey_templates (id serial primary key, user_id bigint not null references users(id), name text not null);
         create index ix_journey_templates_user_id on journey_templates (user_id);
         insert into journey_templates (user_id, name) select 1 + g % 2, 'template ' || g from generate_series(1, 40) g;",
    );
    p.migration(
        "V2__add_subscription.sql",
        "alter table users add column subscription text;\n\
         drop index ix_journey_templates_user_id;\n\
         -- squawk-ignore ban-drop-table\n\
         drop table journey_templates;\n",
    );
    p.schemagate(&["deploy", "--backup-dir", "bk"])
        .status(0)
        .run();
    assert_eq!(p.user_tables(), ["users"]);
    let dump = only_dump(&p);

    p.schemagate(&["restore", &dump, "--table", "journey_templates", "--yes"])
        .status(0)
        .stdout_has("public.journey_templates: 40 row(s)")
        .stderr_has("public.journey_templates: restored whole")
        .run();
    assert_eq!(p.value("select count(*) from journey_templates"), "40");
    assert_eq!(
        p.value("select count(*) from pg_indexes where tablename = 'journey_templates'"),
        "2"
    );
    assert_eq!(
        p.value("select count(*) from pg_constraint where conrelid = 'journey_templates'::regclass and contype = 'f'"),
        "1"
    );
    p.execute("insert into journey_templates (user_id, name) values (1, 'new')");
    assert_eq!(p.value("select max(id) from journey_templates"), "41");
    // Nothing else went back: the history and the users table are the live ones.
    assert_eq!(p.applied_versions(), [1, 2]);
    assert_eq!(
        p.value("select count(*) from information_schema.columns where table_name = 'users' and column_name = 'subscription'"),
        "1"
    );
}

/// A later migration gave the table a column, and its rows were lost: restoring the table puts
/// the rows back by column name; the new column takes its default.
#[test]
fn rows_come_back_by_column_name_into_a_table_with_a_new_column() {
    let p = Project::new();
    p.migration(
        "V1__templates.sql",
        "create table templates (id serial primary key, name text not null);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute("insert into templates (name) values ('a'), ('b'), ('c')");
    p.migration(
        "V2__tier.sql",
        "alter table templates add column tier text not null default 'free';\n\
         alter table templates add column created_at timestamptz default now();\n",
    );
    p.schemagate(&["deploy", "--backup-dir", "bk"])
        .status(0)
        .run();
    let dump = only_dump(&p);
    p.execute("delete from templates");

    p.schemagate(&["restore", &dump, "--table", "templates", "--yes"])
        .status(0)
        .stdout_has("public.templates: 3 row(s)")
        .stderr_has("rows restored into the existing table")
        .run();
    assert_eq!(
        p.column("select name || ':' || tier from templates order by id"),
        ["a:free", "b:free", "c:free"]
    );
    assert_eq!(
        p.value("select count(*) from templates where created_at is null"),
        "0"
    );
    p.execute("insert into templates (name) values ('d')");
    assert_eq!(p.value("select max(id) from templates"), "4");

    // Not empty: refused, nothing added, with or without --data-only.
    for extra in [&[][..], &["--data-only"][..]] {
        let mut args = vec!["restore", &dump, "--table", "templates", "--yes"];
        args.extend_from_slice(extra);
        p.schemagate(&args).status(2).stderr_has("not empty").run();
    }
    assert_eq!(p.value("select count(*) from templates"), "4");
}

/// `kill -9` while `pg_dump` runs (here: a `pg_dump` that records what it was given, then
/// waits): the password was handed over in memory, so no file holding it is left anywhere.
#[test]
fn no_password_file_outlives_a_kill_9_during_pg_dump() {
    use std::os::unix::fs::PermissionsExt;
    let p = Project::new();
    p.execute("create table t (id int)");
    let real = crate::support::pg_client_dir(p.server_major());
    let bin = p.path().join("bin");
    let log = p.path().join("log");
    let tmp = p.path().join("tmp");
    for d in [&bin, &log, &tmp] {
        std::fs::create_dir_all(d).unwrap();
    }
    let script = format!(
        "#!/bin/sh\n\
         if [ \"$1\" = --version ]; then exec '{real}/pg_dump' \"$@\"; fi\n\
         cat \"$PGPASSFILE\" > '{log}/contents'\n\
         echo \"$PGPASSFILE\" > '{log}/path.tmp'\n\
         mv '{log}/path.tmp' '{log}/path'\n\
         exec sleep 600\n",
        real = real.display(),
        log = log.display()
    );
    std::fs::write(bin.join("pg_dump"), script).unwrap();
    std::fs::set_permissions(bin.join("pg_dump"), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(real.join("pg_restore"), bin.join("pg_restore")).unwrap();
    // Trust authentication ignores the password; what matters is how it is handed over.
    let url = p.db.url.replacen("postgres@", "postgres:S3cret-pw@", 1);
    let run = p
        .schemagate(&["backup", "--backup-dir", "bk"])
        .env("DATABASE_URL", &url)
        .env("SCHEMAGATE_PG_BINDIR", bin.to_str().unwrap())
        .env("TMPDIR", tmp.to_str().unwrap())
        .start();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !log.join("path").exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "pg_dump never started: {}",
            run.stderr_so_far()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    run.signal(libc::SIGKILL);
    let (status, _, _) = run.finish();
    assert_eq!(status, None);

    let read = |name: &str| std::fs::read_to_string(log.join(name)).unwrap();
    assert_eq!(read("contents"), "*:*:*:*:S3cret-pw\n");
    let path = read("path");
    assert!(
        path.starts_with("/proc/self/fd/"),
        "a passfile on disk: {path}"
    );
    let left: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert!(left.is_empty(), "left in the temporary directory: {left:?}");
    let backups: Vec<_> = std::fs::read_dir(p.path().join("bk"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    for f in backups {
        let bytes = std::fs::read(&f).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("S3cret-pw"),
            "{} holds the password",
            f.display()
        );
    }
}

/// A `<name>.dump.json` that schemagate did not write, under the name the backup would take:
/// the backup takes the next name; the file is neither removed nor overwritten.
#[test]
fn a_leftover_sidecar_it_did_not_write_is_never_touched() {
    let p = Project::new();
    p.execute("create table t (id int)");
    let bk = p.path().join("bk");
    std::fs::create_dir_all(&bk).unwrap();
    let now = time::OffsetDateTime::now_utc();
    let foreign: Vec<PathBuf> = (0..2)
        .map(|s| {
            let at = now + std::time::Duration::from_secs(s);
            let stamp = at
                .format(time::macros::format_description!(
                    "[year][month][day]T[hour][minute][second]Z"
                ))
                .unwrap();
            let path = bk.join(format!("{}-{stamp}-v0.dump.json", p.db.name));
            std::fs::write(&path, "not schemagate's").unwrap();
            path
        })
        .collect();
    p.schemagate(&["backup", "--backup-dir", "bk"])
        .status(0)
        .run();
    for f in &foreign {
        assert_eq!(
            std::fs::read_to_string(f).unwrap(),
            "not schemagate's",
            "{}",
            f.display()
        );
    }
    let ours = dumps(&bk);
    assert_eq!(ours.len(), 1, "{ours:?}");
    let sidecar = format!("{}.json", ours[0].display());
    assert!(!foreign.contains(&PathBuf::from(&sidecar)));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&sidecar).unwrap()).unwrap();
    assert_eq!(json["schema_version"], 0);
}

/// The backup of the current state cannot be taken (the backup directory is a file): nothing is
/// restored, and the message says so (exit 7).
#[test]
fn no_whole_restore_without_a_backup_of_the_current_state() {
    let (p, dump) = deployed_v3();
    p.file("not-a-dir", "a file where the backup directory should be");
    p.schemagate(&["restore", &dump, "--backup-dir", "not-a-dir", "--yes"])
        .status(7)
        .stderr_has("restore failed: the backup of the current state could not be taken")
        .stderr_has("nothing was restored")
        .run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);
    assert_eq!(p.value("select count(*) from audit"), "20");
}

/// Several tables restore in one transaction: when the second cannot take its rows back (a
/// column of the backup was dropped since), the first, restored whole a moment before, is
/// rolled back too.
#[test]
fn tables_restore_all_or_none() {
    let p = Project::new();
    p.execute(
        "create table a (id int primary key); insert into a values (1), (2);
         create table b (id int primary key, gone text); insert into b values (1, 'x');",
    );
    p.schemagate(&["backup", "--backup-dir", "bk"])
        .status(0)
        .run();
    let dump = only_dump(&p);
    p.execute("drop table a; delete from b; alter table b drop column gone;");
    p.schemagate(&["restore", &dump, "--table", "a", "--table", "b", "--yes"])
        .status(7)
        .stderr_has("restore failed: TABLE DATA public.b:")
        .stderr_has("gone")
        .stderr_has("rolled back: the database is as it was before the restore")
        .run();
    assert_eq!(p.user_tables(), ["b"]);
    assert_eq!(p.value("select count(*) from b"), "0");
}

/// With `--keep-backups 1`, the backup of the current state is the one kept: the backup being
/// restored must still be read whole first (it is pruned only after the restore).
#[test]
fn retention_never_removes_the_backup_being_restored_before_it_is_read() {
    let (p, dump) = deployed_v3();
    p.schemagate(&[
        "restore",
        &dump,
        "--backup-dir",
        "bk",
        "--keep-backups",
        "1",
        "--yes",
    ])
    .status(0)
    .run();
    assert_state_before_v3(&p);
    let left = dumps(&p.path().join("bk"));
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].to_str().unwrap().ends_with("-v3-pre-restore.dump"));
}
