//! Where schemagate runs (issue 6), tested without Docker or Railway: the Dockerfile's build
//! stage is the script CI runs, railway.json's start command works as written, and the
//! docker-compose example's sequence (database up late, deploy waits, applies and verifies,
//! app starts) against a real throwaway PostgreSQL cluster.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::support::cli::{Project, Run};

/// The repository root.
fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(relative: &str) -> String {
    std::fs::read_to_string(repo().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
}

/// A port on 127.0.0.1 with nothing listening on it (bound once, then released).
fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn the_dockerfile_builds_with_the_script_ci_runs() {
    let dockerfile = read("Dockerfile");
    let build_stage = dockerfile
        .split("\nFROM ")
        .find(|stage| stage.contains(" AS build\n"))
        .expect("a build stage");
    // The build stage copies exactly what scripts/build-release.sh's `check` copies, and runs
    // the script, so that CI builds what the image builds.
    let copies: Vec<&str> = build_stage
        .lines()
        .filter_map(|l| l.strip_prefix("COPY "))
        .collect();
    assert_eq!(
        copies,
        [
            "scripts/build-release.sh scripts/build-release.sh",
            "Cargo.toml Cargo.lock ./",
            "src src"
        ]
    );
    let runs: Vec<&str> = build_stage
        .lines()
        .filter_map(|l| l.strip_prefix("RUN "))
        .collect();
    assert_eq!(
        runs,
        [
            "scripts/build-release.sh deps",
            "scripts/build-release.sh app /out/schemagate"
        ]
    );
    // The image's Rust is the one Cargo.toml asks for.
    let rust_version = read("Cargo.toml")
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .map(|v| v.trim_matches('"').to_string())
        .expect("rust-version in Cargo.toml");
    assert!(
        build_stage.starts_with(&format!("rust:{rust_version}-bookworm AS build")),
        "{build_stage}"
    );
    for line in [
        "FROM debian:bookworm-slim\n",
        "ARG PG_MAJORS=\"16 17 18\"\n",
        "COPY --from=build /out/schemagate /usr/local/bin/schemagate\n",
        "ENV SCHEMAGATE_BACKUP_DIR=/data/backups\n",
        "USER 10001:10001\n",
        "ENTRYPOINT [\"schemagate\"]\n",
    ] {
        assert!(dockerfile.contains(line), "the Dockerfile lacks {line:?}");
    }
    let dockerignore = read(".dockerignore");
    let ignored: Vec<&str> = dockerignore.lines().collect();
    for entry in ["target/", ".git", "backups/"] {
        assert!(ignored.contains(&entry), ".dockerignore lacks {entry}");
    }
}

/// railway.json as Railway reads it (its schema is checked outside the suite: README.md), and
/// its start command run as Railway runs it: split on spaces, no shell, the app a stand-in
/// that prints its arguments.
#[test]
fn railway_json_start_command_migrates_then_starts_the_app_on_port() {
    let config: serde_json::Value =
        serde_json::from_str(&read("railway.json")).expect("railway.json is not JSON");
    assert_eq!(config["$schema"], "https://railway.com/railway.schema.json");
    assert_eq!(config["build"]["builder"], "DOCKERFILE");
    let dockerfile = config["build"]["dockerfilePath"]
        .as_str()
        .unwrap_or("Dockerfile");
    assert!(repo().join(dockerfile).is_file(), "no {dockerfile}");
    let deploy = &config["deploy"];
    // Without a healthcheck path Railway sends traffic as soon as the container starts, while
    // schemagate may still be migrating.
    let health = deploy["healthcheckPath"].as_str().expect("healthcheckPath");
    assert!(health.starts_with('/'), "{health}");
    // Waiting for the database (60s), the lock and the backup all come before the app listens:
    // no shorter than Railway's default of 300 seconds.
    let timeout = deploy["healthcheckTimeout"]
        .as_u64()
        .expect("healthcheckTimeout");
    assert!(timeout >= 300, "{timeout}");
    // A refused deploy exits the same way every time: restart a few times, not forever.
    assert_eq!(deploy["restartPolicyType"], "ON_FAILURE");
    let retries = deploy["restartPolicyMaxRetries"]
        .as_u64()
        .expect("restartPolicyMaxRetries");
    assert!((1..=10).contains(&retries), "{retries}");

    let start = deploy["startCommand"].as_str().expect("startCommand");
    let argv: Vec<&str> = start.split(' ').collect();
    assert_eq!(
        argv[..4],
        ["schemagate", "deploy", "--expand-env", "--"],
        "{start}"
    );
    assert!(start.contains("${PORT:-8000}"), "{start}");

    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigint primary key);",
    );
    let bin = tempfile::tempdir().unwrap();
    let app = bin.path().join(argv[4]);
    std::fs::write(&app, "#!/bin/sh\nprintf 'app got <%s>\\n' \"$@\"\n").unwrap();
    std::fs::set_permissions(&app, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let expected: String = argv[5..]
        .iter()
        .map(|a| format!("app got <{}>\n", a.replace("${PORT:-8000}", "8123")))
        .collect();
    p.schemagate(&argv[1..])
        .env("PATH", &path)
        .env("PORT", "8123")
        .status(0)
        .stderr_has("applied V1__users.sql")
        .stdout_has(&expected)
        .run();
    assert_eq!(p.applied_versions(), [1]);
}

/// A PostgreSQL cluster of the machine's own server binaries in a temporary directory, as the
/// `postgres` user when we are root (initdb refuses root); stopped and removed on drop, also
/// when the test fails.
struct Cluster {
    dir: tempfile::TempDir,
    pg_ctl: PathBuf,
    as_postgres: bool,
}

impl Cluster {
    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// `tool ARGS` as the cluster's owner; panics with its output when it fails.
    fn run(&self, tool: &Path, args: &[&str]) {
        let mut command = if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(tool);
            c
        } else {
            Command::new(tool)
        };
        let out = command.args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{} {args:?}: {}\n{}",
            tool.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// initdb and start on 127.0.0.1:`port`; returns once the server accepts connections.
    fn start(port: u16) -> Cluster {
        let dir = tempfile::tempdir().unwrap();
        // SAFETY: geteuid has no preconditions and cannot fail.
        let as_postgres = unsafe { libc::geteuid() } == 0;
        if as_postgres {
            let id = |flag: &str| -> u32 {
                let out = Command::new("id")
                    .args([flag, "postgres"])
                    .output()
                    .unwrap();
                assert!(out.status.success(), "no postgres user to run initdb as");
                String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
            };
            std::os::unix::fs::chown(dir.path(), Some(id("-u")), Some(id("-g"))).unwrap();
        }
        let cluster = Cluster {
            pg_ctl: server_tool("pg_ctl"),
            dir,
            as_postgres,
        };
        let data = cluster.data();
        let data = data.to_str().unwrap();
        cluster.run(
            &server_tool("initdb"),
            &["-D", data, "-U", "postgres", "--auth=trust", "--no-sync"],
        );
        let log = cluster.dir.path().join("log");
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1",
            cluster.dir.path().display()
        );
        cluster.run(
            &cluster.pg_ctl,
            &[
                "-D",
                data,
                "-l",
                log.to_str().unwrap(),
                "-o",
                &options,
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        cluster
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let data = self.data();
        if data.join("postmaster.pid").exists() {
            let mut command = if self.as_postgres {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--"]).arg(&self.pg_ctl);
                c
            } else {
                Command::new(&self.pg_ctl)
            };
            let _ = command
                .arg("-D")
                .arg(&data)
                .args(["-m", "immediate", "-w", "stop"])
                .output();
        }
    }
}

/// A PostgreSQL server program: the newest `/usr/lib/postgresql/*/bin`, else PATH.
fn server_tool(name: &str) -> PathBuf {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| {
            d.flatten()
                .filter_map(|e| {
                    let major = e.file_name().to_str()?.parse().ok()?;
                    let path = e.path().join("bin").join(name);
                    path.is_file().then_some((major, path))
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found
        .pop()
        .map(|(_, p)| p)
        .unwrap_or_else(|| PathBuf::from(name))
}

/// Kills a started process if the test fails before it was collected.
struct KillOnDrop(Option<u32>);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        if let Some(pid) = self.0 {
            // SAFETY: kill only sends a signal to our own child, not yet reaped.
            unsafe { libc::kill(pid as libc::pid_t, libc::SIGKILL) };
        }
    }
}

/// `GET path` on 127.0.0.1:`port`: the whole response, status line first.
fn http_get(port: u16, path: &str) -> String {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// The `.dump` files in `dir`.
fn dumps(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "dump"))
        .collect()
}

/// examples/compose without Docker: the web container's command, started before the database
/// server exists, with the example's own migrations and app.
#[test]
fn compose_example_server_up_late_deploy_waits_applies_and_the_app_starts() {
    for tool in ["python3", "psql"] {
        let found = Command::new(tool).arg("--version").output();
        assert!(
            found.is_ok_and(|o| o.status.success()),
            "{tool} is needed to run examples/compose/app.py (the web container's app)"
        );
    }
    let project = tempfile::tempdir().unwrap();
    let migrations = project.path().join("migrations");
    std::fs::create_dir(&migrations).unwrap();
    for entry in std::fs::read_dir(repo().join("examples/compose/migrations")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), migrations.join(entry.file_name())).unwrap();
    }
    let backups = project.path().join("backups");
    let app = repo().join("examples/compose/app.py");
    let db_port = free_port();
    let url = format!("postgres://postgres@127.0.0.1:{db_port}/postgres");
    let web = |app_port: u16| {
        Run::new(
            project.path(),
            &[
                "deploy",
                "--wait",
                "120s",
                "--",
                "python3",
                app.to_str().unwrap(),
            ],
        )
        .env("DATABASE_URL", &url)
        .env("SCHEMAGATE_BACKUP_DIR", backups.to_str().unwrap())
        .env("HOST", "127.0.0.1")
        .env("PORT", &app_port.to_string())
    };

    // `docker compose up`: the web container may start first.
    let app_port = free_port();
    let running = web(app_port).start();
    let mut guard = KillOnDrop(Some(running.pid()));
    running.wait_for_stderr("waiting for");
    // A few seconds later the database server comes up (initdb, then start).
    std::thread::sleep(Duration::from_secs(2));
    let cluster = Cluster::start(db_port);
    running.wait_for_stderr("app: listening on");

    let health = http_get(app_port, "/health");
    assert!(health.starts_with("HTTP/1.0 200"), "{health}");
    let page = http_get(app_port, "/");
    assert!(page.starts_with("HTTP/1.0 200"), "{page}");
    assert!(
        page.contains("written by migration V1, before the app started"),
        "{page}"
    );
    assert_eq!(
        dumps(&backups).len(),
        1,
        "one backup before the first migration"
    );

    running.signal(libc::SIGTERM);
    guard.0 = None;
    let (_, _, stderr) = running.finish();
    for line in [
        "applied V1__create_notes.sql",
        "applied V2__add_note_author.sql",
    ] {
        assert!(stderr.contains(line), "stderr lacks {line:?}:\n{stderr}");
    }

    // A restart of the container: nothing pending, verified, the app starts again.
    let app_port = free_port();
    let running = web(app_port).start();
    let mut guard = KillOnDrop(Some(running.pid()));
    running.wait_for_stderr("app: listening on");
    assert!(http_get(app_port, "/health").starts_with("HTTP/1.0 200"));
    running.signal(libc::SIGTERM);
    guard.0 = None;
    let (_, _, stderr) = running.finish();
    assert!(stderr.contains("nothing pending"), "{stderr}");
    assert_eq!(
        dumps(&backups).len(),
        1,
        "no backup when nothing is pending"
    );
    drop(cluster);
}
