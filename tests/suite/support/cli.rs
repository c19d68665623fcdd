//! A project directory and a fresh database for one test, and a builder that runs the real
//! `schemagate` binary against them and checks status, stdout and stderr in one call.
//!
//! ```ignore
//! let p = Project::new();
//! p.migration("V1__users.sql", "create table users (id int);");
//! p.schemagate(&["deploy"]).status(0).stderr_has("applied V1__users.sql").run();
//! assert_eq!(p.tables(), ["users"]);
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use super::TestDb;

/// A temporary project (working directory with `migrations/`) and its own database.
pub struct Project {
    pub dir: tempfile::TempDir,
    pub db: TestDb,
    runtime: tokio::runtime::Runtime,
}

impl Project {
    /// A new empty project with a fresh database.
    pub fn new() -> Project {
        Project::on(&super::server_url(), None)
    }

    /// A new empty project whose database is on `server` (a URL of any database there), and a
    /// copy of database `template` when one is given.
    pub fn on(server: &str, template: Option<&str>) -> Project {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let db = runtime.block_on(TestDb::create_on(server, template));
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("migrations")).unwrap();
        Project { dir, db, runtime }
    }

    /// The project directory.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Write `migrations/<name>`.
    pub fn migration(&self, name: &str, sql: &str) -> &Project {
        self.file(&format!("migrations/{name}"), sql)
    }

    /// Write any file below the project directory.
    pub fn file(&self, relative: &str, contents: &str) -> &Project {
        let path = self.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, contents).unwrap();
        self
    }

    /// Run SQL statements on the test database.
    pub fn execute(&self, sql: &str) {
        self.runtime.block_on(async {
            let (c, task) = super::connect_with_task(&self.db.url).await;
            c.batch_execute(sql)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
            drop(c);
            let _ = task.await;
        })
    }

    /// `ALTER DATABASE <the test database> {change}`, e.g. `set search_path = app, public`:
    /// a setting every later connection, schemagate's included, starts with.
    pub fn alter_database(&self, change: &str) {
        self.execute(&format!("alter database \"{}\" {change}", self.db.name));
    }

    /// The first column of every row, as text.
    pub fn column(&self, sql: &str) -> Vec<String> {
        self.runtime.block_on(async {
            let (c, task) = super::connect_with_task(&self.db.url).await;
            let rows = c
                .simple_query(sql)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e:?}"));
            drop(c);
            let _ = task.await;
            rows.iter()
                .filter_map(|m| match m {
                    tokio_postgres::SimpleQueryMessage::Row(r) => {
                        Some(r.get(0).unwrap_or("NULL").to_string())
                    }
                    _ => None,
                })
                .collect()
        })
    }

    /// One value as text.
    pub fn value(&self, sql: &str) -> String {
        self.column(sql)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no row from {sql}"))
    }

    /// Tables in `public`, sorted, schemagate's own included.
    pub fn tables(&self) -> Vec<String> {
        self.column("select tablename from pg_tables where schemaname = 'public' order by 1")
    }

    /// Tables in `public` that are not schemagate's own (history, runs).
    pub fn user_tables(&self) -> Vec<String> {
        self.tables()
            .into_iter()
            .filter(|t| t != "refinery_schema_history" && t != "schemagate_runs")
            .collect()
    }

    /// Applied versions from the history table (empty when it does not exist).
    pub fn applied_versions(&self) -> Vec<i32> {
        if self.value("select to_regclass('refinery_schema_history') is null") == "t" {
            return Vec::new();
        }
        self.column("select version from refinery_schema_history order by version")
            .iter()
            .map(|v| v.parse().unwrap())
            .collect()
    }

    /// The server's major version.
    pub fn server_major(&self) -> u32 {
        self.value("select current_setting('server_version_num')::int / 10000")
            .parse()
            .unwrap()
    }

    /// A command running the real binary in the project directory, with DATABASE_URL set.
    pub fn schemagate(&self, args: &[&str]) -> Run {
        Run::new(self.path(), args).env("DATABASE_URL", &self.db.url)
    }
}

/// The path of the binary under test.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_schemagate"))
}

/// One invocation and what it must produce.
pub struct Run {
    command: Command,
    description: String,
    status: Option<i32>,
    stdout_has: Vec<String>,
    stderr_has: Vec<String>,
    stderr_lacks: Vec<String>,
    stdout_lacks: Vec<String>,
    within: Option<std::time::Duration>,
}

impl Run {
    /// `schemagate ARGS` in `dir`, with a clean environment for the settings it reads.
    pub fn new(dir: &Path, args: &[&str]) -> Run {
        let mut command = Command::new(binary());
        command.current_dir(dir).args(args);
        for var in [
            "DATABASE_URL",
            "DATABASE_DIRECT_URL",
            "SCHEMAGATE_MIGRATIONS",
            "SCHEMAGATE_EXPECTED",
            "SCHEMAGATE_BACKUP_DIR",
            "SCHEMAGATE_BACKUP_SCOPE",
            "SCHEMAGATE_KEEP_BACKUPS",
            "SCHEMAGATE_WAIT",
            "SCHEMAGATE_LOCK_WAIT",
            "SCHEMAGATE_LOCK_TIMEOUT",
            "SCHEMAGATE_STATEMENT_TIMEOUT",
            "SCHEMAGATE_LOG_FORMAT",
            "SCHEMAGATE_LOCK_RETRIES",
            "SCHEMAGATE_PG_BINDIR",
        ] {
            command.env_remove(var);
        }
        Run {
            command,
            description: format!("schemagate {}", args.join(" ")),
            status: None,
            stdout_has: Vec::new(),
            stderr_has: Vec::new(),
            stderr_lacks: Vec::new(),
            stdout_lacks: Vec::new(),
            within: None,
        }
    }

    /// Set an environment variable.
    pub fn env(mut self, key: &str, value: &str) -> Run {
        self.command.env(key, value);
        self
    }

    /// Remove an environment variable (one the test process may have).
    pub fn env_remove(mut self, key: &str) -> Run {
        self.command.env_remove(key);
        self
    }

    /// Expect this exit status.
    pub fn status(mut self, code: i32) -> Run {
        self.status = Some(code);
        self
    }

    /// Expect the refusal of a backup for want of a `pg_dump` of the server's major or newer:
    /// exit 7, naming the major and the client to install.
    pub fn refuses_backup_for(self, major: u32) -> Run {
        self.status(7)
            .stderr_has(&format!(
                "pg_dump for PostgreSQL {major} or newer not found"
            ))
            .stderr_has(&format!("apt-get install postgresql-client-{major}"))
    }

    /// Expect stdout to contain `text`.
    pub fn stdout_has(mut self, text: &str) -> Run {
        self.stdout_has.push(text.to_string());
        self
    }

    /// Expect stdout not to contain `text`.
    pub fn stdout_lacks(mut self, text: &str) -> Run {
        self.stdout_lacks.push(text.to_string());
        self
    }

    /// Expect stderr to contain `text`.
    pub fn stderr_has(mut self, text: &str) -> Run {
        self.stderr_has.push(text.to_string());
        self
    }

    /// Expect stderr not to contain `text`.
    pub fn stderr_lacks(mut self, text: &str) -> Run {
        self.stderr_lacks.push(text.to_string());
        self
    }

    /// Expect neither stdout nor stderr to contain `text` (a password, say).
    pub fn never_shows(self, text: &str) -> Run {
        self.stdout_lacks(text).stderr_lacks(text)
    }

    /// Expect the process to end within `limit`; it is killed and the test fails otherwise,
    /// so a hang is a failure rather than a suite that never ends.
    pub fn within(mut self, limit: std::time::Duration) -> Run {
        self.within = Some(limit);
        self
    }

    /// The command itself, for a test that wires its own stdout (a closed pipe, `/dev/full`).
    pub fn command(&mut self) -> &mut Command {
        &mut self.command
    }

    /// The process, for tests that start several at once.
    pub fn spawn(mut self) -> std::process::Child {
        self.command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// Start the process and watch its stderr, for tests that act while it runs (signals).
    pub fn start(mut self) -> Running {
        let mut child = self
            .command
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.description));
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = std::io::Read::read(&mut pipe, &mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Running {
            child,
            stderr,
            reader: Some(reader),
            description: self.description,
        }
    }

    /// Run, check every expectation, and report all mismatches together.
    pub fn run(mut self) -> Output {
        let output = match self.within {
            Some(limit) => output_within(&mut self.command, limit, &self.description),
            None => self
                .command
                .output()
                .unwrap_or_else(|e| panic!("cannot run {}: {e}", self.description)),
        };
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let mut problems = Vec::new();
        if let Some(code) = self.status
            && output.status.code() != Some(code)
        {
            problems.push(format!(
                "exit status {:?}, expected {code}",
                output.status.code()
            ));
        }
        for t in &self.stdout_has {
            if !stdout.contains(t.as_str()) {
                problems.push(format!("stdout lacks {t:?}"));
            }
        }
        for t in &self.stdout_lacks {
            if stdout.contains(t.as_str()) {
                problems.push(format!("stdout contains {t:?}"));
            }
        }
        for t in &self.stderr_has {
            if !stderr.contains(t.as_str()) {
                problems.push(format!("stderr lacks {t:?}"));
            }
        }
        for t in &self.stderr_lacks {
            if stderr.contains(t.as_str()) {
                problems.push(format!("stderr contains {t:?}"));
            }
        }
        if !problems.is_empty() {
            panic!(
                "{}:\n  {}\n--- stdout ---\n{stdout}\n--- stderr ---\n{stderr}",
                self.description,
                problems.join("\n  ")
            );
        }
        output
    }
}

/// Like `Command::output`, killing the process and failing the test after `limit`.
fn output_within(command: &mut Command, limit: std::time::Duration, description: &str) -> Output {
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {description}: {e}"));
    let drain = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = drain(child.stdout.take().map(|p| Box::new(p) as _));
    let stderr = drain(child.stderr.take().map(|p| Box::new(p) as _));
    let deadline = std::time::Instant::now() + limit;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{description}: still running after {limit:?}, killed");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output {
        status,
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// A started process: wait for what it prints, signal it, collect how it ended.
pub struct Running {
    child: std::process::Child,
    stderr: std::sync::Arc<std::sync::Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
    description: String,
}

impl Running {
    /// The process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Wait (up to a minute) until stderr contains `text`.
    pub fn wait_for_stderr(&self, text: &str) -> &Running {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !self.stderr.lock().unwrap().contains(text) {
            assert!(
                std::time::Instant::now() < deadline,
                "{}: stderr never said {text:?}:\n{}",
                self.description,
                self.stderr.lock().unwrap()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        self
    }

    /// What it wrote to stderr so far.
    pub fn stderr_so_far(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// True once the process has ended (it is then reaped; `finish` still reports it).
    pub fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Send `signal` (libc's number) to the process.
    pub fn signal(&self, signal: i32) -> &Running {
        // SAFETY: kill only sends a signal to our own child.
        let rc = unsafe { libc::kill(self.child.id() as libc::pid_t, signal) };
        assert_eq!(rc, 0, "kill {signal} {}", self.child.id());
        self
    }

    /// Wait for the process to end: its exit status (None when a signal killed it), stdout
    /// and stderr.
    pub fn finish(mut self) -> (Option<i32>, String, String) {
        let mut stdout = String::new();
        if let Some(mut out) = self.child.stdout.take() {
            let _ = std::io::Read::read_to_string(&mut out, &mut stdout);
        }
        let status = self.child.wait().unwrap();
        if let Some(r) = self.reader.take() {
            let _ = r.join();
        }
        let stderr = self.stderr.lock().unwrap().clone();
        (status.code(), stdout, stderr)
    }
}
