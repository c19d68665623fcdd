//! Ctrl-C and SIGTERM in the middle of a run: the database is as it was (or as far as the
//! committed part went), the lock is free, nothing half-written is left, and the exit status
//! says which signal it was (130, 143).

use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use crate::support::cli::Project;

/// True when some other session of the test database is still running `query_like`.
fn still_running(p: &Project, query_like: &str) -> bool {
    p.value(&format!(
        "select count(*) from pg_stat_activity where datname = current_database() \
         and pid <> pg_backend_pid() and query like '{query_like}'"
    )) != "0"
}

fn lock_is_free(p: &Project) -> bool {
    p.value(
        "select count(*) from pg_locks where locktype = 'advisory' \
         and database = (select oid from pg_database where datname = current_database())",
    ) == "0"
}

#[test]
fn sigterm_mid_migration_rolls_back_at_once_and_exits_143() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    p.migration(
        "V2__slow.sql",
        "create table orders (id int);\nselect pg_sleep(60);",
    );
    let deploy = p
        .schemagate(&["deploy", "--no-backup", "--", "true"])
        .start();
    deploy.wait_for_stderr("applied V1__users.sql");
    let sent = Instant::now();
    deploy.signal(libc::SIGTERM);
    let (code, _, stderr) = deploy.finish();
    assert_eq!(code, Some(143), "{stderr}");
    // The statement was cancelled, not waited for.
    assert!(sent.elapsed() < Duration::from_secs(30), "{stderr}");
    assert!(
        stderr.contains("interrupted by SIGTERM: rolled back, nothing was applied"),
        "{stderr}"
    );
    assert_eq!(p.user_tables(), Vec::<String>::new());
    assert_eq!(p.applied_versions(), Vec::<i32>::new());
    assert!(!still_running(&p, "%pg_sleep%"));
    assert!(lock_is_free(&p));
    assert_eq!(
        p.value("select outcome from schemagate_runs order by id desc limit 1"),
        "failed (exit 143)"
    );
    // Nothing was recorded, so the fixed migration is simply pending with the first.
    p.migration("V2__slow.sql", "create table orders (id int);");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    assert_eq!(p.user_tables(), ["orders", "users"]);
}

#[test]
fn ctrl_c_while_waiting_for_the_lock_exits_130_and_changes_nothing() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let key = schemagate::lock::key("refinery_schema_history");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let holder = runtime.block_on(p.db.connect());
    runtime
        .block_on(holder.execute("select pg_advisory_lock($1)", &[&key]))
        .unwrap();
    let deploy = p
        .schemagate(&["deploy", "--no-backup", "--", "true"])
        .start();
    deploy.wait_for_stderr("waiting for the migration lock");
    deploy.signal(libc::SIGINT);
    let (code, _, stderr) = deploy.finish();
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted by SIGINT: nothing was changed"),
        "{stderr}"
    );
    assert_eq!(p.tables(), Vec::<String>::new());
}

/// A `pg_dump` that takes its time: the real one, after a pause (not a fake dump).
fn slow_pg_dump(p: &Project) -> String {
    let dir = p.path().join("slow-bin");
    std::fs::create_dir_all(&dir).unwrap();
    let client = crate::support::pg_client_dir(p.server_major());
    for tool in ["pg_dump", "pg_restore"] {
        let real = client.join(tool).display().to_string();
        let pause = if tool == "pg_dump" {
            // Not for --version; the pause keeps no pipe open, so being killed ends it.
            "case \"$1\" in --version) ;; *) sleep 60 </dev/null >/dev/null 2>&1 ;; esac\n"
        } else {
            ""
        };
        let path = dir.join(tool);
        std::fs::write(&path, format!("#!/bin/sh\n{pause}exec {real} \"$@\"\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir.display().to_string()
}

#[test]
fn sigterm_during_the_backup_stops_pg_dump_and_leaves_no_file() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let bindir = slow_pg_dump(&p);
    let deploy = p
        .schemagate(&["deploy", "--", "true"])
        .env("SCHEMAGATE_PG_BINDIR", &bindir)
        .start();
    deploy.wait_for_stderr("1 pending");
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    deploy.signal(libc::SIGTERM);
    let (code, _, stderr) = deploy.finish();
    assert_eq!(code, Some(143), "{stderr}");
    assert!(sent.elapsed() < Duration::from_secs(30), "{stderr}");
    assert!(stderr.contains("nothing was applied"), "{stderr}");
    assert_eq!(p.user_tables(), Vec::<String>::new());
    let left: Vec<_> = std::fs::read_dir(p.path().join("backups"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "left in backups/: {left:?}");
}

#[test]
fn a_no_transaction_migration_stopped_part_way_stops_the_next_deploy() {
    let p = Project::new();
    p.migration(
        "V1__index.sql",
        "-- schemagate:no-transaction\ncreate table a (id int);\nselect pg_sleep(60);\ncreate table b (id int);\n",
    );
    let deploy = p
        .schemagate(&["deploy", "--no-backup", "--", "true"])
        .start();
    deploy.wait_for_stderr("1 pending");
    let deadline = Instant::now() + Duration::from_secs(30);
    while !still_running(&p, "%pg_sleep%") {
        assert!(Instant::now() < deadline, "the migration never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    deploy.signal(libc::SIGTERM);
    let (code, _, stderr) = deploy.finish();
    assert_eq!(code, Some(143), "{stderr}");
    assert!(
        stderr.contains("V1__index.sql runs outside the transaction and was stopped part-way"),
        "{stderr}"
    );
    assert_eq!(p.user_tables(), ["a"]);
    p.schemagate(&["deploy", "--no-backup"])
        .status(5)
        .stderr_has("V1__index.sql")
        .run();
}

#[test]
fn sigkill_mid_no_transaction_migration_is_caught_by_the_next_deploy() {
    let p = Project::new();
    p.migration(
        "V1__index.sql",
        "-- schemagate:no-transaction\ncreate table a (id int);\nselect pg_sleep(2);\ncreate table b (id int);\n",
    );
    let deploy = p
        .schemagate(&["deploy", "--no-backup", "--", "true"])
        .start();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !still_running(&p, "%pg_sleep%") {
        assert!(Instant::now() < deadline, "the migration never started");
        std::thread::sleep(Duration::from_millis(20));
    }
    deploy.signal(libc::SIGKILL);
    let (code, _, _) = deploy.finish();
    assert_eq!(code, None);
    // No cleanup ran: the row written before the migration started is what remains.
    p.schemagate(&["deploy", "--no-backup", "--lock-wait", "30s"])
        .status(5)
        .stderr_has("V1__index.sql")
        .run();
    assert_eq!(p.user_tables(), ["a"]);
}

#[test]
fn sigterm_during_snapshot_drops_the_scratch_database() {
    let p = Project::new();
    p.migration(
        "V1__slow.sql",
        "create table a (id int);\nselect pg_sleep(60);",
    );
    let snapshot = p.schemagate(&["snapshot"]).start();
    let pattern = format!("schemagate_scratch_{}_%", snapshot.pid());
    let scratch_count = || {
        p.value(&format!(
            "select count(*) from pg_database where datname like '{pattern}'"
        ))
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while scratch_count() == "0" {
        assert!(Instant::now() < deadline, "no scratch database appeared");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    snapshot.signal(libc::SIGTERM);
    let (code, _, stderr) = snapshot.finish();
    assert_eq!(code, Some(143), "{stderr}");
    assert!(stderr.contains("was dropped"), "{stderr}");
    assert_eq!(scratch_count(), "0");
    assert!(!p.path().join("migrations/expected_schema.toml").exists());
}
