//! Connecting and locking: waiting for a database that is not up yet, giving up on one that
//! will not come, refusing at once what waiting cannot fix (role, database, TLS), `sslmode`,
//! the advisory lock, and the password that must never be printed.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::support::cli::Project;

/// A port on 127.0.0.1 with nothing listening on it (bound once, then released).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `url` with its host and port replaced by 127.0.0.1:`port`.
fn url_on_port(url: &str, port: u16) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let at = rest.find('@').map(|i| i + 1).unwrap_or(0);
    let slash = rest[at..].find('/').map(|i| i + at).unwrap_or(rest.len());
    format!(
        "{scheme}://{}127.0.0.1:{port}{}",
        &rest[..at],
        &rest[slash..]
    )
}

/// `url` with `key=value` added to its query.
fn with_param(url: &str, param: &str) -> String {
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}{param}")
}

/// A runtime for the test's own connections.
fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

fn pipe(mut from: TcpStream, mut to: TcpStream) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
            }
        }
    }
    let _ = to.shutdown(Shutdown::Write);
}

/// A TCP proxy to the test server that refuses connections (nothing listens) for `delay`,
/// then forwards both ways. Returns its port; the thread lives as long as the test binary.
fn late_proxy(delay: Duration) -> u16 {
    let port = free_port();
    std::thread::spawn(move || {
        std::thread::sleep(delay);
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("proxy port taken meanwhile");
        for client in listener.incoming() {
            let Ok(client) = client else { continue };
            let Ok(server) = TcpStream::connect(server_addr()) else {
                continue;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || pipe(client, server));
            std::thread::spawn(move || pipe(s2, c2));
        }
    });
    port
}

#[test]
fn waits_for_a_database_that_is_not_up_yet() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let port = late_proxy(Duration::from_secs(2));
    let url = with_param(&url_on_port(&p.db.url, port), "sslmode=disable");
    let start = Instant::now();
    let out = p
        .schemagate(&[
            "deploy",
            "--no-backup",
            "--wait",
            "20s",
            "--",
            "sh",
            "-c",
            "echo started",
        ])
        .env("DATABASE_URL", &url)
        .status(0)
        .stdout_has("started")
        .stderr_has("waiting for")
        .stderr_has("applied V1__users.sql")
        .run();
    assert!(start.elapsed() >= Duration::from_secs(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let waits = stderr.lines().filter(|l| l.contains("waiting for")).count();
    assert!(
        (1..=10).contains(&waits),
        "{waits} waiting lines (a flood?):\n{stderr}"
    );
    assert_eq!(p.user_tables(), ["users"]);
    assert_eq!(p.applied_versions(), [1]);
}

#[test]
fn an_unreachable_host_exits_3_after_the_wait_naming_the_redacted_url() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let port = free_port();
    let url = format!("postgres://postgres:pw_{port}_hidden@127.0.0.1:{port}/somedb");
    let start = Instant::now();
    p.schemagate(&[
        "deploy",
        "--no-backup",
        "--wait",
        "2s",
        "--",
        "sh",
        "-c",
        "echo started",
    ])
    .env("DATABASE_URL", &url)
    .status(3)
    .stderr_has(&format!(
        "database postgres://postgres:***@127.0.0.1:{port}/somedb is unreachable"
    ))
    .stderr_lacks(&format!("pw_{port}_hidden"))
    .stdout_lacks("started")
    .run();
    let took = start.elapsed();
    assert!(
        took >= Duration::from_secs(2) && took < Duration::from_secs(10),
        "took {took:?}"
    );
    assert!(p.tables().is_empty());
}

#[test]
fn an_unknown_role_exits_3_at_once_with_a_hint() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let url = p.db.url.replacen("postgres@", "no_such_role_sg@", 1);
    assert_ne!(url, p.db.url);
    let start = Instant::now();
    p.schemagate(&["deploy", "--no-backup", "--wait", "30s"])
        .env("DATABASE_URL", &url)
        .status(3)
        .stderr_has("is unreachable")
        .stderr_has("no_such_role_sg")
        .stderr_has("hint: check the user")
        .stderr_lacks("waiting for")
        .run();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert!(p.tables().is_empty());
}

#[test]
fn an_unknown_database_exits_3_at_once_with_a_hint() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let url = p.db.url.replacen(&p.db.name, "sg_no_such_database", 1);
    let start = Instant::now();
    p.schemagate(&["deploy", "--no-backup", "--wait", "30s"])
        .env("DATABASE_URL", &url)
        .status(3)
        .stderr_has("sg_no_such_database")
        .stderr_has("does not exist")
        .stderr_has("hint: create the database")
        .stderr_lacks("waiting for")
        .run();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}

/// A session of the test's own holding the migration lock, as a deploy in progress would; with
/// the lock's key, to release it.
fn hold_the_migration_lock(
    rt: &tokio::runtime::Runtime,
    p: &Project,
) -> (tokio_postgres::Client, i64) {
    let key = schemagate::lock::key("refinery_schema_history");
    let holder = rt.block_on(async {
        let c = p.db.connect().await;
        c.execute("SELECT pg_advisory_lock($1)", &[&key])
            .await
            .unwrap();
        c
    });
    (holder, key)
}

#[test]
fn a_held_lock_exits_4_and_nothing_is_applied_until_it_is_released() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let rt = runtime();
    let (holder, key) = hold_the_migration_lock(&rt, &p);
    let start = Instant::now();
    p.schemagate(&[
        "deploy",
        "--no-backup",
        "--lock-wait",
        "2s",
        "--",
        "sh",
        "-c",
        "echo started",
    ])
    .status(4)
    .stderr_has("could not take the migration lock within 2s")
    .stderr_has("hint:")
    .stdout_lacks("started")
    .run();
    assert!(
        start.elapsed() >= Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert!(p.user_tables().is_empty());
    assert!(p.applied_versions().is_empty());

    rt.block_on(async {
        holder
            .execute("SELECT pg_advisory_unlock($1)", &[&key])
            .await
            .unwrap();
    });
    p.schemagate(&[
        "deploy",
        "--no-backup",
        "--lock-wait",
        "2s",
        "--",
        "sh",
        "-c",
        "echo started",
    ])
    .status(0)
    .stdout_has("started")
    .stderr_has("applied V1__users.sql")
    .run();
    assert_eq!(p.applied_versions(), [1]);
    drop(holder);
}

/// The first try for the lock travels with the reads the deploy needs. When the lock was
/// held, what came back with it is stale: a change made meanwhile by whoever held the lock
/// must be seen. Here a column is renamed by hand under the lock; the deploy that waited must
/// compare the schema again and refuse (exit 9), not reuse the verification remembered before.
#[test]
fn a_deploy_that_waited_for_the_lock_sees_what_changed_meanwhile() {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id int primary key, email text not null);",
    );
    p.file(
        "migrations/expected_schema.toml",
        "[tables.users]\ncolumns = { id = \"integer not null\", email = \"text not null\" }\n",
    );
    // The first deploy creates the run log after its verification, so the second verifies
    // in full and the third reuses that verification.
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("unchanged since the last verification")
        .run();

    let rt = runtime();
    let (holder, key) = hold_the_migration_lock(&rt, &p);
    let waiting = p
        .schemagate(&["deploy", "--no-backup", "--lock-wait", "60s"])
        .start();
    waiting.wait_for_stderr("waiting for the migration lock");
    rt.block_on(async {
        holder
            .batch_execute("ALTER TABLE users RENAME COLUMN email TO mail")
            .await
            .unwrap();
        holder
            .execute("SELECT pg_advisory_unlock($1)", &[&key])
            .await
            .unwrap();
    });
    let (code, _, stderr) = waiting.finish();
    assert_eq!(code, Some(9), "{stderr}");
    assert!(stderr.contains("email"), "{stderr}");
    assert!(
        !stderr.contains("unchanged since the last verification"),
        "{stderr}"
    );
}

/// `deploy` against a port nothing listens on, allowed to wait 30s for it: with a bad file it
/// must end at once, exit 2, without giving up on the database.
fn deploy_while_the_database_is_down(p: &Project) -> crate::support::cli::Run {
    let url = url_on_port(&p.db.url, free_port());
    p.schemagate(&[
        "--database-url",
        &url,
        "--wait",
        "30s",
        "deploy",
        "--no-backup",
    ])
    .status(2)
    .stderr_lacks("unreachable")
    .within(Duration::from_secs(10))
}

/// The migration files are read while the connection opens; a bad file still decides the
/// outcome. Against a database that is not there, it is exit 2 at once, not exit 3 after
/// waiting out --wait.
#[test]
fn a_bad_file_is_reported_at_once_even_when_the_database_is_unreachable() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    std::fs::write(p.path().join("migrations/V2__bad.sql"), b"select '\xff';").unwrap();
    deploy_while_the_database_is_down(&p)
        .stderr_has("V2__bad.sql")
        .run();

    // A server that refuses at once (an unknown database) answers before the files are read;
    // the file still decides.
    let unknown = p.db.url.replace(&p.db.name, "sg_no_such_database");
    p.schemagate(&["--database-url", &unknown, "deploy", "--no-backup"])
        .status(2)
        .stderr_has("V2__bad.sql")
        .stderr_lacks("sg_no_such_database")
        .within(Duration::from_secs(10))
        .run();
}

/// The expected schema file is one of the deploy's files: unreadable, it is exit 2 at once,
/// as a bad migration is, not exit 3 after waiting out --wait for a database that is down.
#[test]
fn an_unreadable_expected_file_is_reported_at_once_even_when_the_database_is_unreachable() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    std::fs::create_dir(p.path().join("migrations/expected_schema.toml")).unwrap();
    deploy_while_the_database_is_down(&p)
        .stderr_has("expected_schema.toml")
        .stderr_lacks("waiting for")
        .run();
}

/// While another deploy holds the lock, a bad file is exit 2 at once: no wait for the lock,
/// no word about it, nothing applied. Enough files that reading them outlasts connecting and
/// the first try for the lock, so a deploy that waited for the lock before the files were
/// checked would say so first.
#[test]
fn a_bad_file_is_reported_at_once_while_another_deploy_holds_the_lock() {
    let p = Project::new();
    for v in 1..=2000 {
        p.migration(&format!("V{v}__step.sql"), "select 1;");
    }
    std::fs::write(
        p.path().join("migrations/V2001__bad.sql"),
        b"select '\xff';",
    )
    .unwrap();
    let rt = runtime();
    let (holder, _key) = hold_the_migration_lock(&rt, &p);
    p.schemagate(&["deploy", "--no-backup", "--lock-wait", "30s"])
        .status(2)
        .stderr_has("V2001__bad.sql")
        .stderr_lacks("waiting for the migration lock")
        .within(Duration::from_secs(10))
        .run();
    assert!(p.user_tables().is_empty());
    assert!(p.applied_versions().is_empty());
    drop(holder);
}

#[test]
fn sslmode_require_and_disable_work_against_the_tls_server() {
    let p = Project::new();
    assert_eq!(
        p.value("show ssl"),
        "on",
        "the test server must have TLS on"
    );
    p.migration("V1__users.sql", "create table users (id int);");
    p.schemagate(&["deploy", "--no-backup"])
        .env("DATABASE_URL", &with_param(&p.db.url, "sslmode=require"))
        .status(0)
        .stderr_has("applied V1__users.sql")
        .run();
    p.migration("V2__posts.sql", "create table posts (id int);");
    p.schemagate(&["deploy", "--no-backup"])
        .env("DATABASE_URL", &with_param(&p.db.url, "sslmode=disable"))
        .status(0)
        .stderr_has("applied V2__posts.sql")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
}

#[test]
fn sslmode_verify_full_without_a_usable_root_fails_fast_with_a_tls_hint() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let start = Instant::now();
    p.schemagate(&["deploy", "--no-backup", "--wait", "30s"])
        .env(
            "DATABASE_URL",
            &with_param(&p.db.url, "sslmode=verify-full"),
        )
        .status(3)
        .stderr_has("hint: check sslmode and sslrootcert")
        .stderr_lacks("waiting for")
        .run();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert!(p.tables().is_empty());
}

#[test]
fn an_unknown_sslmode_is_a_usage_error() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    p.schemagate(&["deploy", "--no-backup"])
        .env("DATABASE_URL", &with_param(&p.db.url, "sslmode=bogus"))
        .status(2)
        .stderr_has("sslmode")
        .stderr_has("bogus")
        .run();
    assert!(p.tables().is_empty());
}

/// Drops the role when the test ends, after the project's database (declared later) is gone.
struct RoleGuard(String);

impl Drop for RoleGuard {
    fn drop(&mut self) {
        let name = self.0.clone();
        runtime().block_on(async move {
            let admin = crate::support::connect(&crate::support::server_url()).await;
            let _ = admin
                .batch_execute(&format!("DROP ROLE IF EXISTS {name}"))
                .await;
        });
    }
}

#[test]
fn the_password_is_never_printed_nor_recorded() {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let role = format!("sg_{}_{nanos}", std::process::id());
    let password = format!("Sup3rS3cret{nanos}");
    runtime().block_on(async {
        let admin = crate::support::connect(&crate::support::server_url()).await;
        admin
            .batch_execute(&format!(
                "CREATE ROLE {role} LOGIN SUPERUSER PASSWORD '{password}'"
            ))
            .await
            .unwrap();
    });
    let _role = RoleGuard(role.clone());
    let p = Project::new();
    let url =
        p.db.url
            .replacen("postgres@", &format!("{role}:{password}@"), 1);
    assert!(url.contains(&password));

    let check = |args: &[&str], url: &str, status: i32| {
        let out = p
            .schemagate(args)
            .env("DATABASE_URL", url)
            .status(status)
            .stdout_lacks(&password)
            .stderr_lacks(&password)
            .run();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("Sup3rS3cret"), "{all}");
    };

    p.migration("V1__users.sql", "create table users (id int);");
    check(&["deploy", "--no-backup"], &url, 0);
    check(&["--log-format", "json", "deploy", "--no-backup"], &url, 0);
    p.migration("V2__bad.sql", "select * from nowhere;");
    check(&["deploy", "--no-backup"], &url, 8);
    check(&["--log-format", "json", "deploy", "--no-backup"], &url, 8);
    check(&["status", "--json"], &url, 0);
    check(&["status"], &url, 0);
    check(&["plan"], &url, 0);
    let dead = url_on_port(&url, free_port());
    assert!(dead.contains(&password));
    check(&["deploy", "--no-backup", "--wait", "1s"], &dead, 3);
    check(
        &[
            "--log-format",
            "json",
            "deploy",
            "--no-backup",
            "--wait",
            "1s",
        ],
        &dead,
        3,
    );
    // A bad URL must not echo the password back either.
    let bad = url.replacen("?", "?sslmode=bogus&", 1);
    let bad = if bad == url {
        with_param(&url, "sslmode=bogus")
    } else {
        bad
    };
    check(&["deploy", "--no-backup"], &bad, 2);

    let messages = p.column("select coalesce(message, '') from schemagate_runs");
    assert!(!messages.is_empty());
    for m in &messages {
        assert!(!m.contains(&password), "schemagate_runs.message: {m}");
    }
    let args = p.column("select coalesce(string_agg(query, ' '), '') from pg_stat_activity");
    assert!(!args.concat().contains(&password));
}

#[test]
fn a_server_that_accepts_but_never_answers_gives_up_after_the_wait() {
    // A stuck proxy: the TCP connection is accepted, then nothing. tokio-postgres's own
    // connect_timeout covers only the TCP connect, so this used to hang forever.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming() {
            held.push(stream);
        }
    });
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let url = format!("postgres://postgres@127.0.0.1:{port}/somedb?sslmode=disable");
    let start = Instant::now();
    p.schemagate(&["deploy", "--no-backup", "--wait", "2s"])
        .env("DATABASE_URL", &url)
        .status(3)
        .stderr_has("is unreachable")
        .stderr_has("no answer from the server")
        .run();
    assert!(
        start.elapsed() < Duration::from_secs(8),
        "{:?}",
        start.elapsed()
    );
    assert!(p.tables().is_empty());
}

/// The server's own (self-signed) certificate, when the test can read it.
fn server_certificate(p: &Project) -> Option<String> {
    let path = p.value("show ssl_cert_file");
    std::fs::File::open(&path).ok().map(|_| path)
}

#[test]
fn sslmode_verify_ca_and_verify_full_check_the_certificate_against_sslrootcert() {
    let p = Project::new();
    let Some(cert) = server_certificate(&p) else {
        eprintln!("skipped: the server's certificate is not readable");
        return;
    };
    p.migration("V1__users.sql", "create table users (id int);");
    // verify-ca: the chain, not the host name.
    p.schemagate(&["deploy", "--no-backup", "--wait", "5s"])
        .env(
            "DATABASE_URL",
            &with_param(&p.db.url, &format!("sslmode=verify-ca&sslrootcert={cert}")),
        )
        .status(0)
        .stderr_has("applied V1__users.sql")
        .run();
    // verify-full: the host name too; the snakeoil-style certificate names only its CN.
    let cn = std::process::Command::new("openssl")
        .args([
            "x509",
            "-noout",
            "-subject",
            "-nameopt",
            "multiline",
            "-in",
            &cert,
        ])
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.trim()
                    .strip_prefix("commonName")
                    .map(|v| v.trim_start_matches([' ', '=']).trim().to_string())
            })
        });
    if cn.as_deref() != Some("127.0.0.1") {
        p.schemagate(&["deploy", "--no-backup", "--wait", "30s"])
            .env(
                "DATABASE_URL",
                &with_param(
                    &p.db.url,
                    &format!("sslmode=verify-full&sslrootcert={cert}"),
                ),
            )
            .status(3)
            .stderr_has("not valid for name")
            .stderr_has("hint: check sslmode and sslrootcert")
            .stderr_lacks("waiting for")
            .run();
    }
    if cn.as_deref() == Some("localhost") {
        let url = p.db.url.replacen("127.0.0.1", "localhost", 1);
        p.schemagate(&["deploy", "--no-backup", "--wait", "5s"])
            .env(
                "DATABASE_URL",
                &with_param(&url, &format!("sslmode=verify-full&sslrootcert={cert}")),
            )
            .status(0)
            .stderr_has("nothing pending")
            .run();
    }
    assert_eq!(p.applied_versions(), [1]);
}

#[test]
fn an_unreadable_sslrootcert_is_a_usage_error() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    p.schemagate(&["deploy", "--no-backup"])
        .env(
            "DATABASE_URL",
            &with_param(
                &p.db.url,
                "sslmode=verify-ca&sslrootcert=/nonexistent/root.crt",
            ),
        )
        .status(2)
        .stderr_has("sslrootcert /nonexistent/root.crt")
        .run();
    assert!(p.tables().is_empty());
}

/// A fake server that answers every startup with FATAL 57P03 "the database system is starting
/// up" for `delay`, then forwards to the test server. Returns its port.
fn starting_up_proxy(delay: Duration) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let ready_at = Instant::now() + delay;
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { continue };
            if Instant::now() < ready_at {
                // Read the startup message (length-prefixed), then refuse it the way a
                // starting server does.
                let mut len = [0u8; 4];
                if client.read_exact(&mut len).is_err() {
                    continue;
                }
                let mut rest = vec![0u8; (u32::from_be_bytes(len) as usize).saturating_sub(4)];
                let _ = client.read_exact(&mut rest);
                let mut fields = Vec::new();
                for (tag, value) in [
                    (b'S', "FATAL"),
                    (b'V', "FATAL"),
                    (b'C', "57P03"),
                    (b'M', "the database system is starting up"),
                ] {
                    fields.push(tag);
                    fields.extend_from_slice(value.as_bytes());
                    fields.push(0);
                }
                fields.push(0);
                let mut message = vec![b'E'];
                message.extend_from_slice(&(fields.len() as u32 + 4).to_be_bytes());
                message.extend_from_slice(&fields);
                let _ = client.write_all(&message);
                continue;
            }
            let Ok(server) = TcpStream::connect(server_addr()) else {
                continue;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || pipe(client, server));
            std::thread::spawn(move || pipe(s2, c2));
        }
    });
    port
}

#[test]
fn waits_while_the_database_system_is_starting_up() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let port = starting_up_proxy(Duration::from_secs(2));
    let url = with_param(&url_on_port(&p.db.url, port), "sslmode=disable");
    let out = p
        .schemagate(&["deploy", "--no-backup", "--wait", "20s"])
        .env("DATABASE_URL", &url)
        .status(0)
        .stderr_has("the database system is starting up")
        .stderr_has("applied V1__users.sql")
        .run();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let waits = stderr.lines().filter(|l| l.contains("waiting for")).count();
    assert!(
        (1..=10).contains(&waits),
        "{waits} waiting lines:\n{stderr}"
    );
    assert_eq!(p.applied_versions(), [1]);

    // Still starting when --wait runs out: exit 3 naming the cause.
    let port = starting_up_proxy(Duration::from_secs(60));
    let url = with_param(&url_on_port(&p.db.url, port), "sslmode=disable");
    p.schemagate(&["deploy", "--no-backup", "--wait", "1s"])
        .env("DATABASE_URL", &url)
        .status(3)
        .stderr_has("is unreachable: the database system is starting up")
        .run();
}

#[test]
fn sslmode_verify_ca_with_an_unrelated_root_is_refused() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    // Any root the server's certificate was not issued by: a public CA, or else a certificate
    // made up on the spot.
    let public = std::fs::read_dir("/etc/ssl/certs").ok().and_then(|dir| {
        dir.filter_map(|e| e.ok()).map(|e| e.path()).find(|p| {
            p.extension().is_some_and(|x| x == "pem") && !p.to_string_lossy().contains("snakeoil")
        })
    });
    let made = p.path().join("other-root.pem");
    let root = match public {
        Some(path) => path,
        None => {
            let ok = std::process::Command::new("openssl")
                .args([
                    "req",
                    "-x509",
                    "-newkey",
                    "rsa:2048",
                    "-nodes",
                    "-subj",
                    "/CN=other",
                    "-days",
                    "1",
                ])
                .arg("-keyout")
                .arg(p.path().join("other-root.key"))
                .arg("-out")
                .arg(&made)
                .output()
                .is_ok_and(|o| o.status.success());
            if !ok {
                eprintln!("skipped: no unrelated root certificate available");
                return;
            }
            made
        }
    };
    let start = Instant::now();
    p.schemagate(&["deploy", "--no-backup", "--wait", "30s"])
        .env(
            "DATABASE_URL",
            &with_param(
                &p.db.url,
                &format!("sslmode=verify-ca&sslrootcert={}", root.display()),
            ),
        )
        .status(3)
        .stderr_has("certificate")
        .stderr_has("hint: check sslmode and sslrootcert")
        .stderr_lacks("waiting for")
        .run();
    assert!(start.elapsed() < Duration::from_secs(10));
    assert!(p.tables().is_empty());
}

/// A proxy that accepts and at once closes every connection for `delay` (as a cloud TCP proxy
/// does while the database behind it is down), then forwards to the test server.
fn closing_proxy(delay: Duration) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let ready_at = Instant::now() + delay;
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(client) = client else { continue };
            if Instant::now() < ready_at {
                drop(client);
                continue;
            }
            let Ok(server) = TcpStream::connect(server_addr()) else {
                continue;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || pipe(client, server));
            std::thread::spawn(move || pipe(s2, c2));
        }
    });
    port
}

#[test]
fn waits_through_a_proxy_that_closes_connections_with_the_default_sslmode() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let port = closing_proxy(Duration::from_secs(2));
    // No sslmode: prefer, so the closed connection shows up as a failed TLS negotiation,
    // which must still count as "not up yet".
    let url = url_on_port(&p.db.url, port);
    assert!(!url.contains("sslmode"));
    p.schemagate(&["deploy", "--no-backup", "--wait", "20s"])
        .env("DATABASE_URL", &url)
        .status(0)
        .stderr_has("waiting for")
        .stderr_has("applied V1__users.sql")
        .run();
    assert_eq!(p.applied_versions(), [1]);
}

/// A fake server that, for `delay`, accepts the SSLRequest ('S') and then closes the
/// connection in the middle of the TLS handshake; afterwards it forwards to the test server.
fn handshake_reset_proxy(delay: Duration) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let ready_at = Instant::now() + delay;
    std::thread::spawn(move || {
        for client in listener.incoming() {
            let Ok(mut client) = client else { continue };
            if Instant::now() < ready_at {
                let mut request = [0u8; 8];
                if client.read_exact(&mut request).is_ok() {
                    let _ = client.write_all(b"S");
                    std::thread::sleep(Duration::from_millis(20));
                }
                drop(client);
                continue;
            }
            let Ok(server) = TcpStream::connect(server_addr()) else {
                continue;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || pipe(client, server));
            std::thread::spawn(move || pipe(s2, c2));
        }
    });
    port
}

#[test]
fn a_connection_reset_during_the_tls_handshake_is_waited_through() {
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let port = handshake_reset_proxy(Duration::from_secs(2));
    let url = with_param(&url_on_port(&p.db.url, port), "sslmode=require");
    p.schemagate(&["deploy", "--no-backup", "--wait", "20s"])
        .env("DATABASE_URL", &url)
        .status(0)
        .stderr_has("waiting for")
        .stderr_lacks("hint: check sslmode")
        .stderr_has("applied V1__users.sql")
        .run();
    assert_eq!(p.applied_versions(), [1]);
}

#[test]
fn sslmode_require_against_a_server_without_tls_fails_at_once() {
    // A fake server that answers the SSLRequest with 'N' (no TLS) and then waits.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for client in listener.incoming() {
            let Ok(mut client) = client else { continue };
            let mut request = [0u8; 8];
            if client.read_exact(&mut request).is_ok() {
                let _ = client.write_all(b"N");
            }
            held.push(client);
        }
    });
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id int);");
    let start = Instant::now();
    p.schemagate(&["deploy", "--no-backup", "--wait", "30s"])
        .env(
            "DATABASE_URL",
            &format!("postgres://postgres@127.0.0.1:{port}/db?sslmode=require"),
        )
        .status(3)
        .stderr_has("server does not support TLS")
        .stderr_has("hint: check sslmode and sslrootcert")
        .stderr_lacks("waiting for")
        .run();
    assert!(start.elapsed() < Duration::from_secs(10));
}

/// `host:port` of the test server, for the proxies to forward to.
fn server_addr() -> String {
    let url = crate::support::server_url();
    let after_at = url.rsplit_once('@').map_or(url.as_str(), |(_, rest)| rest);
    let host_port = after_at
        .split(['/', '?'])
        .next()
        .unwrap_or("127.0.0.1:5432");
    if host_port.contains(':') {
        host_port.to_string()
    } else {
        format!("{host_port}:5432")
    }
}
