//! The password never leaves the URL it came in (issue 7): not on stdout or stderr (text or
//! JSON logs), not in `schemagate_runs`, not in a backup or its sidecar, not in the argv of the
//! `pg_dump` it starts; through every outcome a deploy can have. The server is a cluster of
//! the test's own that checks passwords (scram-sha-256), since the shared test server trusts
//! 127.0.0.1 and would accept any password, or none.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use schemagate::backup::ToolSearch;

use crate::support::cli::{Project, Run};
use crate::support::cluster::Cluster;

const APP: [&str; 4] = ["--", "sh", "-c", "echo started"];

/// A `pg_dump` that appends its argv (from /proc, as the kernel holds it) to `log`, then
/// becomes the real one; with the real `pg_restore` beside it.
fn recording_tools(dir: &Path, log: &Path, server_major: u32) {
    let real = ToolSearch::from_env()
        .find("pg_dump", server_major)
        .unwrap();
    let real = real.parent().unwrap();
    std::fs::create_dir_all(dir).unwrap();
    let script = format!(
        "#!/bin/sh\n\
         tr '\\0' ' ' < /proc/$$/cmdline >> '{log}'\n\
         echo >> '{log}'\n\
         exec '{real}/pg_dump' \"$@\"\n",
        log = log.display(),
        real = real.display()
    );
    let pg_dump = dir.join("pg_dump");
    std::fs::write(&pg_dump, script).unwrap();
    std::fs::set_permissions(&pg_dump, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(real.join("pg_restore"), dir.join("pg_restore")).unwrap();
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

#[test]
fn the_password_appears_nowhere_through_every_outcome() {
    let cluster = Cluster::start();
    cluster.require_passwords();
    let p = Project::on(&cluster.url(), None);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let password = format!("s3cr3t-{nanos}");
    p.execute(&format!(
        "SET password_encryption = 'scram-sha-256';
         CREATE ROLE deployer LOGIN SUPERUSER PASSWORD '{password}';"
    ));
    let url =
        p.db.url
            .replacen("postgres@", &format!("deployer:{password}@"), 1);
    let tools = p.path().join("tools");
    let argv_log = p.path().join("pg_dump.argv");
    recording_tools(&tools, &argv_log, p.server_major());

    let run = |args: &[&str], url: &str, status: i32| -> Run {
        p.schemagate(args)
            .env("DATABASE_URL", url)
            .env("SCHEMAGATE_PG_BINDIR", &tools.display().to_string())
            .status(status)
            .never_shows(&password)
            .within(Duration::from_secs(120))
    };
    let both = |args: &[&str], url: &str, status: i32| {
        run(args, url, status).run();
        let mut json = vec!["--log-format", "json"];
        json.extend_from_slice(args);
        run(&json, url, status).run();
    };

    // The password is checked: a wrong one is refused, so the right one is really used.
    let wrong = url.replacen(&password, "wrong", 1);
    run(&["status"], &wrong, 3)
        .stderr_has("password authentication failed")
        .run();

    // Applied, with a backup taken by the recording pg_dump.
    p.migration(
        "V1__users.sql",
        "create table users (id int primary key, email text);",
    );
    let mut deploy = vec!["deploy"];
    deploy.extend_from_slice(&APP);
    run(&deploy, &url, 0).stdout_has("started").run();
    run(&["snapshot", "--from-live"], &url, 0).run();

    // A failing migration (after its backup).
    p.migration("V2__bad.sql", "select * from nowhere;");
    both(&deploy, &url, 8);
    std::fs::remove_file(p.path().join("migrations/V2__bad.sql")).unwrap();

    // A failed verification: the guard did nothing, the expected column is missing.
    p.migration(
        "V2__guarded.sql",
        "DO $$ BEGIN IF EXISTS (select 1 from pg_tables where tablename = 'nothing') THEN \
         ALTER TABLE users ADD COLUMN nickname text; END IF; END $$;",
    );
    let expected = p.path().join("migrations/expected_schema.toml");
    let snapshot = std::fs::read_to_string(&expected).unwrap();
    std::fs::write(
        &expected,
        snapshot.replace("email = ", "nickname = \"text null\", email = "),
    )
    .unwrap();
    both(&deploy, &url, 9);
    both(&["verify", "--json"], &url, 9);
    std::fs::remove_file(p.path().join("migrations/V2__guarded.sql")).unwrap();
    std::fs::write(&expected, &snapshot).unwrap();

    // A lint refusal.
    p.migration("V2__drop.sql", "drop table users;");
    both(&deploy, &url, 6);
    both(&["plan"], &url, 6);
    std::fs::remove_file(p.path().join("migrations/V2__drop.sql")).unwrap();

    // Unreachable: a port nobody listens on.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let dead = url.replacen(
        &format!(":{}/", cluster_port(&url)),
        &format!(":{port}/"),
        1,
    );
    assert!(dead.contains(&password) && dead != url);
    both(&["deploy", "--wait", "1s"], &dead, 3);
    both(&["status", "--json", "--wait", "1s"], &dead, 3);

    // The read-only commands, in both output formats.
    both(&["status", "--json"], &url, 0);
    both(&["status"], &url, 0);
    both(&["verify", "--json"], &url, 0);
    both(&["verify"], &url, 0);
    both(&["backups"], &url, 0);
    both(&["backup"], &url, 0);
    both(&deploy, &url, 0);

    // schemagate_runs, every column of every row.
    let rows = p.column("select r::text from schemagate_runs r order by 1");
    assert!(rows.len() >= 8, "{rows:?}");
    for row in &rows {
        assert!(!row.contains(&password), "schemagate_runs: {row}");
    }
    assert!(
        rows.iter().any(|r| r.contains("nowhere")),
        "the failure messages are recorded: {rows:?}"
    );

    // Backups: dumps and sidecars (which name the database they came from).
    let backups = files_under(&p.path().join("backups"));
    let sidecars: Vec<_> = backups
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
        .collect();
    assert!(sidecars.len() >= 2, "{backups:?}");
    for file in &backups {
        let bytes = std::fs::read(file).unwrap();
        let found = bytes
            .windows(password.len())
            .any(|w| w == password.as_bytes());
        assert!(!found, "{} holds the password", file.display());
    }

    // pg_dump's argv, as the kernel saw it.
    let argv = std::fs::read_to_string(&argv_log).unwrap();
    assert!(argv.lines().count() >= 2, "{argv}");
    assert!(argv.contains("--format=custom"), "{argv}");
    assert!(!argv.contains(&password), "{argv}");
}

/// The port in a `postgres://user:pw@host:PORT/db` URL.
fn cluster_port(url: &str) -> String {
    let after_at = &url[url.rfind('@').unwrap() + 1..];
    let host_port = &after_at[..after_at.find('/').unwrap()];
    host_port.rsplit_once(':').unwrap().1.to_string()
}
