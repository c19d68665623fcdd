//! A PostgreSQL cluster that one test owns, for the server-fault tests: `initdb` in a temporary
//! directory, started on a free port, restarted at will, stopped and removed when dropped (a
//! panicking test included). As root, the server runs as the `postgres` user, since `initdb`
//! and `postgres` refuse root; this is what scripts/pg-env.sh does for its throwaway cluster.
//! `SCHEMAGATE_TEST_PG_BINDIR` (and `SCHEMAGATE_TEST_PG_LIBDIR` for its libraries) choose the
//! server binaries, so that scripts/pg-matrix.sh runs these tests on the major it tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A running throwaway cluster.
pub struct Cluster {
    dir: tempfile::TempDir,
    bindir: PathBuf,
    port: u16,
    as_postgres: bool,
}

impl Cluster {
    /// initdb and start a cluster on a free port of 127.0.0.1 (trust authentication).
    pub fn start() -> Cluster {
        let bindir = server_bindir();
        let dir = tempfile::Builder::new()
            .prefix("schemagate-cluster.")
            .tempdir()
            .unwrap();
        let as_postgres = unsafe { libc::geteuid() } == 0;
        if as_postgres {
            let (uid, gid) = postgres_ids();
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid)).unwrap();
        }
        let mut cluster = Cluster {
            dir,
            bindir,
            port: 0,
            as_postgres,
        };
        let data = cluster.data();
        let out = cluster.run(
            "initdb",
            &[
                "-D".as_ref(),
                data.as_os_str(),
                "-U".as_ref(),
                "postgres".as_ref(),
                "--auth=trust".as_ref(),
                "--no-sync".as_ref(),
            ],
        );
        assert!(out.status.success(), "initdb failed: {}", text(&out));
        // A free port may be taken between asking and binding: try a few.
        for _ in 0..5 {
            cluster.port = free_port();
            let options = format!(
                "-p {} -k {} -c listen_addresses=127.0.0.1",
                cluster.port,
                cluster.dir.path().display()
            );
            let out = cluster.pg_ctl(&["-o", &options, "-w", "-t", "60", "start"]);
            if out.status.success() {
                return cluster;
            }
        }
        panic!(
            "the throwaway cluster did not start:\n{}",
            cluster.log_tail()
        );
    }

    /// The URL of its `postgres` database.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    /// `pg_ctl restart -m MODE` (`fast`: backends are terminated and the server shuts down
    /// cleanly; `immediate`: everything is killed and the restart recovers from the WAL),
    /// waiting until the server accepts connections again.
    pub fn restart(&self, mode: &str) {
        let out = self.pg_ctl(&["-m", mode, "-w", "-t", "60", "restart"]);
        assert!(
            out.status.success(),
            "pg_ctl restart -m {mode} failed: {}\n{}",
            text(&out),
            self.log_tail()
        );
    }

    /// From now on, every role but `postgres` must give its password over TCP
    /// (scram-sha-256), so that a test's password is really checked rather than sent to a
    /// server that trusts everyone.
    pub fn require_passwords(&self) {
        let hba = "host all postgres 127.0.0.1/32 trust\n\
                   host all all 127.0.0.1/32 scram-sha-256\n\
                   local all all trust\n";
        // Written as root keeps the file's owner; the server only needs to read it.
        std::fs::write(self.data().join("pg_hba.conf"), hba).unwrap();
        let out = self.pg_ctl(&["reload"]);
        assert!(out.status.success(), "pg_ctl reload failed: {}", text(&out));
    }

    /// The last lines of the server log, for failure messages.
    pub fn log_tail(&self) -> String {
        let log = std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(20)..].join("\n")
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn pg_ctl(&self, args: &[&str]) -> Output {
        let data = self.data();
        let log = self.dir.path().join("log");
        let mut all: Vec<&std::ffi::OsStr> = vec![
            "-D".as_ref(),
            data.as_os_str(),
            "-l".as_ref(),
            log.as_os_str(),
        ];
        all.extend(args.iter().map(std::ffi::OsStr::new));
        self.run("pg_ctl", &all)
    }

    fn run(&self, tool: &str, args: &[&std::ffi::OsStr]) -> Output {
        let program = self.bindir.join(tool);
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(&program);
            c
        } else {
            Command::new(&program)
        };
        // Set on the server's commands only: a downloaded build's lib directory holds its own
        // libpq, which the machine's pg_dump must not load.
        if let Some(lib) = std::env::var_os("SCHEMAGATE_TEST_PG_LIBDIR") {
            command.env("LD_LIBRARY_PATH", lib);
        }
        // Not the test's directory: the postgres user may not be allowed in there.
        command
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        // Immediate: nothing of this cluster is worth a clean shutdown, and a test that failed
        // half-way should not wait for one. The directory goes with the TempDir.
        let _ = self.pg_ctl(&["-m", "immediate", "-w", "-t", "60", "stop"]);
    }
}

/// `SCHEMAGATE_TEST_PG_BINDIR`, else the newest `/usr/lib/postgresql/*/bin` holding initdb, else
/// the directory of `initdb` on PATH.
fn server_bindir() -> PathBuf {
    if let Some(dir) = std::env::var_os("SCHEMAGATE_TEST_PG_BINDIR") {
        return PathBuf::from(dir);
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let major = e.file_name().to_str()?.parse().ok()?;
                    let bin = e.path().join("bin");
                    bin.join("initdb").is_file().then_some((major, bin))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    if let Some((_, bin)) = found.pop() {
        return bin;
    }
    std::env::var_os("PATH")
        .and_then(|p| std::env::split_paths(&p).find(|d| Path::new(d).join("initdb").is_file()))
        .expect(
            "the server-fault tests need initdb and pg_ctl (Debian: apt-get install postgresql)",
        )
}

/// The uid and gid of the `postgres` user, which runs the servers (and PgBouncer) when we are root.
pub fn postgres_ids() -> (u32, u32) {
    let name = std::ffi::CString::new("postgres").unwrap();
    // SAFETY: getpwnam returns a pointer into static storage or null; read at once.
    let pw = unsafe { libc::getpwnam(name.as_ptr()) };
    assert!(
        !pw.is_null(),
        "running as root, the throwaway cluster needs a `postgres` user (useradd --system postgres)"
    );
    unsafe { ((*pw).pw_uid, (*pw).pw_gid) }
}

/// A port of 127.0.0.1 free a moment ago (a caller that binds it late retries on a clash).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
