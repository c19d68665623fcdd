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

/// Whether this machine has a `pg_dump` that can dump a server of major `major`, found the way
/// schemagate finds it. Debian's client here is 15 and no newer one is installable on the build
/// machines (DESIGN.md, "Tests"), so against 16+ the tests that take real backups expect
/// schemagate's refusal instead (exit 7, naming the major and the client to install).
pub fn pg_dump_can_dump(major: u32) -> bool {
    schemagate::backup::ToolSearch::from_env()
        .find("pg_dump", major)
        .is_ok()
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
pub mod cli;
#[allow(dead_code)]
pub mod cluster;
#[allow(dead_code)]
pub mod torture;
