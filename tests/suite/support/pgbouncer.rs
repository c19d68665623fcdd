//! A real PgBouncer (Debian's `pgbouncer`, installed by `scripts/ensure.sh pgbouncer` the first
//! time) in front of the test server, for one test: started on a free port of 127.0.0.1 in
//! session or transaction pooling with a pool size of the test's choosing, stopped when dropped
//! (a panicking test included; a killed test binary takes it along through the parent-death
//! signal). Every database name is passed through to the server, so a [`super::TestDb`] is
//! reached through it as `bouncer.url(&db.name)`.
//!
//! Authentication: `auth_type = trust` between the client and PgBouncer (users must be listed in
//! its auth file: `postgres`, and any added with [`Builder::user`]), and PgBouncer logs in to the
//! server as the client's user with the password from that file (the test server trusts
//! 127.0.0.1, so it needs none). As root, PgBouncer runs as the `postgres` user, like the
//! servers: it refuses to run as root.
//!
//! Through transaction pooling, use `simple_query`/`batch_execute`: tokio-postgres's `query`
//! prepares a named statement in one round trip and runs it in another, which may land on
//! another server connection (PgBouncer 1.18 does not track prepared statements).

use std::io::Write;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::str::FromStr;
use std::time::{Duration, Instant};

use super::cluster::{free_port, postgres_ids};

/// How PgBouncer hands out server connections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolMode {
    /// A server connection belongs to a client for the client's whole session.
    Session,
    /// A server connection belongs to a client for one transaction (or one statement outside
    /// a transaction), then goes back to the pool.
    Transaction,
}

impl PoolMode {
    fn as_str(self) -> &'static str {
        match self {
            PoolMode::Session => "session",
            PoolMode::Transaction => "transaction",
        }
    }
}

/// The settings of a PgBouncer about to start.
pub struct Builder {
    server: String,
    mode: PoolMode,
    pool_size: u32,
    users: Vec<(String, String)>,
    settings: Vec<(String, String)>,
}

impl Builder {
    /// The server to pool (a URL of any database there); default: the test server.
    pub fn server(mut self, url: &str) -> Builder {
        self.server = url.to_owned();
        self
    }

    /// `default_pool_size`: server connections per database and user (default 5).
    pub fn pool_size(mut self, size: u32) -> Builder {
        self.pool_size = size;
        self
    }

    /// Another user PgBouncer lets in, with the password it gives the server for them.
    pub fn user(mut self, name: &str, password: &str) -> Builder {
        self.users.push((name.to_owned(), password.to_owned()));
        self
    }

    /// Any other `[pgbouncer]` setting (`query_wait_timeout`, `max_client_conn`, ...).
    pub fn setting(mut self, key: &str, value: &str) -> Builder {
        self.settings.push((key.to_owned(), value.to_owned()));
        self
    }

    /// Starts it and waits until it accepts connections.
    pub fn start(self) -> PgBouncer {
        let program = PathBuf::from(super::ensure(&["pgbouncer"]));
        let config = tokio_postgres::Config::from_str(&self.server).expect("the server's URL");
        let host = match config.get_hosts().first() {
            Some(tokio_postgres::config::Host::Tcp(host)) => host.clone(),
            other => panic!("PgBouncer needs a TCP server address, not {other:?}"),
        };
        let server_port = config.get_ports().first().copied().unwrap_or(5432);
        let dir = tempfile::Builder::new()
            .prefix("schemagate-pgbouncer.")
            .tempdir()
            .unwrap();
        let owner = (unsafe { libc::geteuid() } == 0).then(postgres_ids);
        let mut users = vec![("postgres".to_owned(), String::new())];
        users.extend(self.users.iter().cloned());
        let userlist: String = users
            .iter()
            .map(|(name, password)| format!("\"{name}\" \"{password}\"\n"))
            .collect();
        write(dir.path(), "userlist.txt", &userlist, owner);
        // A free port may be taken between asking and binding: try a few.
        for _ in 0..5 {
            let port = free_port();
            let mut ini = format!(
                "[databases]\n\
                 * = host={host} port={server_port}\n\
                 [pgbouncer]\n\
                 listen_addr = 127.0.0.1\n\
                 listen_port = {port}\n\
                 unix_socket_dir =\n\
                 auth_type = trust\n\
                 auth_file = {dir}/userlist.txt\n\
                 admin_users = postgres\n\
                 pool_mode = {mode}\n\
                 default_pool_size = {pool}\n\
                 min_pool_size = 0\n\
                 reserve_pool_size = 0\n\
                 max_client_conn = 1000\n\
                 ignore_startup_parameters = extra_float_digits\n\
                 logfile = {dir}/pgbouncer.log\n",
                dir = dir.path().display(),
                mode = self.mode.as_str(),
                pool = self.pool_size,
            );
            for (key, value) in &self.settings {
                ini.push_str(&format!("{key} = {value}\n"));
            }
            write(dir.path(), "pgbouncer.ini", &ini, owner);
            let _ = std::fs::remove_file(dir.path().join("pgbouncer.log"));
            let mut command = Command::new(&program);
            command
                .arg(dir.path().join("pgbouncer.ini"))
                .current_dir(dir.path())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            if let Some((uid, gid)) = owner {
                command.uid(uid).gid(gid);
            }
            // SAFETY: prctl is async-signal-safe; it runs in the child after the uid change
            // (which would clear it), before exec.
            unsafe {
                command.pre_exec(|| {
                    libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
                    Ok(())
                });
            }
            let mut child = command
                .spawn()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
            if wait_until_listening(&mut child, port, dir.path()) {
                return PgBouncer {
                    child,
                    port,
                    dir,
                    mode: self.mode,
                };
            }
            let _ = child.kill();
            let _ = child.wait();
            let log = read_log(dir.path());
            if !log.contains("Address already in use") {
                panic!("PgBouncer did not start:\n{log}");
            }
        }
        panic!("PgBouncer found no free port in five tries");
    }
}

/// Whether PgBouncer accepts connections on `port` (false: it exited first).
fn wait_until_listening(child: &mut Child, port: u16, dir: &Path) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!(
        "PgBouncer did not listen within a minute:\n{}",
        read_log(dir)
    );
}

fn read_log(dir: &Path) -> String {
    std::fs::read_to_string(dir.join("pgbouncer.log")).unwrap_or_default()
}

fn write(dir: &Path, name: &str, text: &str, owner: Option<(u32, u32)>) {
    let path = dir.join(name);
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .unwrap();
    if let Some((uid, gid)) = owner {
        std::os::unix::fs::chown(dir, Some(uid), Some(gid)).unwrap();
        std::os::unix::fs::chown(&path, Some(uid), Some(gid)).unwrap();
    }
}

/// A running PgBouncer; killed when dropped.
pub struct PgBouncer {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
    mode: PoolMode,
}

impl PgBouncer {
    /// A PgBouncer in `mode` in front of the test server, pool size 5 unless changed.
    pub fn builder(mode: PoolMode) -> Builder {
        Builder {
            server: super::server_url(),
            mode,
            pool_size: 5,
            users: Vec::new(),
            settings: Vec::new(),
        }
    }

    /// The URL of database `name` through PgBouncer, as `postgres`.
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// `url` (a URL of a database on the pooled server) pointed at PgBouncer instead: same
    /// user, password, database and parameters.
    pub fn url_of(&self, url: &str) -> String {
        let start = url.find("://").map(|i| i + 3).expect("a postgres:// URL");
        let end = url[start..]
            .find(['/', '?'])
            .map(|i| start + i)
            .unwrap_or(url.len());
        let user = url[start..end]
            .rfind('@')
            .map(|at| &url[start..=start + at])
            .unwrap_or("");
        format!(
            "{}{user}127.0.0.1:{}{}",
            &url[..start],
            self.port,
            &url[end..]
        )
    }

    /// The port it listens on (127.0.0.1).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Its pooling mode.
    pub fn mode(&self) -> PoolMode {
        self.mode
    }

    /// The admin console (`SHOW POOLS`, `SHOW SERVERS`, ...; simple queries only).
    pub fn admin_url(&self) -> String {
        self.url("pgbouncer")
    }

    /// Its log so far, for failure messages.
    pub fn log(&self) -> String {
        read_log(self.dir.path())
    }
}

impl Drop for PgBouncer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The process id the connection announced at startup (BackendKeyData), as schemagate's own
/// pooler probe reads it: PgBouncer announces one of its own, PostgreSQL the backend's.
pub async fn announced_pid(client: &tokio_postgres::Client) -> i32 {
    schemagate::pooler::announced_pid(client)
        .await
        .expect("the cancel request was written")
}
