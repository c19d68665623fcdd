//! The backup stage against a real PostgreSQL server and the machine's real pg_dump and
//! pg_restore. Each test makes its own database (random name) and drops it at the end.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use schemagate::backup::{
    BackupError, BackupOptions, DumpTarget, ToolSearch, list_backups, prune, take_backup,
    tool_major,
};

fn admin_url() -> String {
    std::env::var("TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn connect(dbname: Option<&str>) -> tokio_postgres::Client {
    let mut config = tokio_postgres::Config::from_str(&admin_url()).unwrap();
    if let Some(db) = dbname {
        config.dbname(db);
    }
    let (client, conn) = config.connect(tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(async move {
        let _ = conn.await;
    });
    client
}

fn unique_name(prefix: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000_000
    )
}

/// A scratch database, dropped (WITH (FORCE)) when the value goes out of scope.
struct TestDb {
    name: String,
}

impl TestDb {
    fn create() -> Self {
        let name = unique_name("sg_backup");
        let q = format!("CREATE DATABASE {name}");
        runtime().block_on(async { connect(None).await.batch_execute(&q).await.unwrap() });
        TestDb { name }
    }

    fn exec(&self, sql: &str) {
        runtime().block_on(async {
            connect(Some(&self.name))
                .await
                .batch_execute(sql)
                .await
                .unwrap()
        });
    }

    fn server_version_num(&self) -> u32 {
        runtime().block_on(async {
            let row = connect(Some(&self.name))
                .await
                .query_one("SELECT current_setting('server_version_num')::int", &[])
                .await
                .unwrap();
            row.get::<_, i32>(0) as u32
        })
    }

    fn target(&self) -> DumpTarget {
        let config = tokio_postgres::Config::from_str(&admin_url()).unwrap();
        let host = match &config.get_hosts()[0] {
            tokio_postgres::config::Host::Tcp(h) => h.clone(),
            tokio_postgres::config::Host::Unix(p) => p.display().to_string(),
        };
        DumpTarget {
            host,
            port: config.get_ports().first().copied().unwrap_or(5432),
            user: config.get_user().unwrap_or("postgres").to_string(),
            password: config
                .get_password()
                .map(|p| String::from_utf8_lossy(p).into_owned()),
            dbname: self.name.clone(),
            sslmode: "prefer".into(),
            sslrootcert: None,
        }
    }

    fn seed(&self) {
        self.exec(
            "CREATE TABLE users (id bigserial PRIMARY KEY, email text NOT NULL UNIQUE);
             CREATE TABLE journey_templates (
                 id serial PRIMARY KEY,
                 user_id bigint NOT NULL REFERENCES users(id),
                 name text NOT NULL);
             CREATE INDEX ix_journey_templates_user_id ON journey_templates (user_id);
             INSERT INTO users (email) SELECT 'u' || g || '@example.com' FROM generate_series(1, 50) g;
             INSERT INTO journey_templates (user_id, name)
                 SELECT 1 + g % 50, 'template ' || g FROM generate_series(1, 300) g;",
        );
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let q = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        // A fresh runtime on a fresh thread: drop may run while a test's runtime unwinds.
        let _ = std::thread::spawn(move || {
            runtime().block_on(async { connect(None).await.batch_execute(&q).await })
        })
        .join();
    }
}

fn options(db: &TestDb, dir: &Path) -> BackupOptions {
    BackupOptions {
        dir: dir.to_path_buf(),
        from_version: Some(7),
        server_version_num: db.server_version_num(),
        database_size_bytes: None,
        reporter: Some(schemagate::Reporter::new(schemagate::report::Format::Text)),
        tools: ToolSearch::from_env(),
        lock_wait_timeout: None,
        scope: schemagate::backup::Scope::full(),
    }
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

fn write_script(path: &Path, body: &str) {
    std::fs::write(path, body).unwrap();
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755)).unwrap();
}

fn link_real_pg_restore(fake: &Path, real: &Path) {
    std::os::unix::fs::symlink(real.join("pg_restore"), fake.join("pg_restore")).unwrap();
}

/// The directory of a real pg_dump and pg_restore of this machine (the oldest found), and their
/// major, whatever the test server's major: the tool-search tests reason about the tools, not
/// the server.
fn real_tools() -> (PathBuf, u32) {
    let path = ToolSearch::from_env().find("pg_dump", 0).unwrap();
    let major = tool_major(&path).unwrap();
    (path.parent().unwrap().to_path_buf(), major)
}

/// The directory of the pg_dump and pg_restore for `db`'s server (its major's, or the lowest
/// newer one).
fn tools_for(db: &TestDb) -> PathBuf {
    crate::support::pg_client_dir(db.server_version_num() / 10000)
}

#[test]
fn backup_is_validated_restorable_and_private() {
    let db = TestDb::create();
    db.seed();
    let dir = tempfile::tempdir().unwrap();
    let backups = dir.path().join("backups");
    let info = take_backup(&db.target(), &options(&db, &backups)).unwrap();

    let name = info.path.file_name().unwrap().to_str().unwrap();
    assert!(name.starts_with(&format!("{}-", db.name)), "{name}");
    assert!(name.ends_with("-v7.dump"), "{name}");
    assert_eq!(mode(&info.path), 0o600);
    assert_eq!(mode(&info.sidecar), 0o600);
    assert_eq!(
        info.size_bytes,
        std::fs::metadata(&info.path).unwrap().len()
    );
    assert_eq!(
        files_in(&backups),
        vec![name.to_string(), format!("{name}.json")]
    );

    let sidecar: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&info.sidecar).unwrap()).unwrap();
    assert_eq!(sidecar["database"], db.name.as_str());
    assert_eq!(sidecar["schema_version"], 7);
    assert_eq!(sidecar["file"], name);
    assert_eq!(sidecar["size_bytes"], info.size_bytes);
    assert!(
        sidecar["pg_dump_version"]
            .as_str()
            .unwrap()
            .contains("PostgreSQL")
    );
    assert!(sidecar["created_at"].as_str().unwrap().ends_with('Z'));

    let listed = list_backups(&backups).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].version, 7);
    // Restoring it: tests/suite/restore.rs, through the command.
}

#[test]
fn missing_pg_dump_names_the_major() {
    let db = TestDb::create();
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(&db, dir.path());
    opts.tools = ToolSearch { dirs: vec![] };
    let err = take_backup(&db.target(), &opts).unwrap_err();
    let major = db.server_version_num() / 10000;
    match &err {
        BackupError::ToolNotFound {
            tool, needed_major, ..
        } => {
            assert_eq!(tool, "pg_dump");
            assert_eq!(*needed_major, major);
        }
        other => panic!("expected ToolNotFound, got {other:?}"),
    }
    let message = err.to_string();
    assert!(
        message.contains(&format!("postgresql-client-{major}")),
        "{message}"
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn server_newer_than_every_pg_dump_is_refused_clearly() {
    let db = TestDb::create();
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(&db, dir.path());
    opts.server_version_num = 990001;
    let err = take_backup(&db.target(), &opts).unwrap_err();
    assert!(
        matches!(
            err,
            BackupError::ToolNotFound {
                needed_major: 99,
                ..
            }
        ),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.starts_with("pg_dump for PostgreSQL 99 or newer not found"),
        "{message}"
    );
    assert!(
        message.contains("apt-get install postgresql-client-99"),
        "{message}"
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn unwritable_backup_directory_fails_with_the_path() {
    let db = TestDb::create();
    let dir = tempfile::tempdir().unwrap();
    // chmod does not stop root, so put the backup directory under a regular file: creating
    // it fails for every user.
    let blocker = dir.path().join("not-a-directory");
    std::fs::write(&blocker, "x").unwrap();
    let backups = blocker.join("backups");
    let err = take_backup(&db.target(), &options(&db, &backups)).unwrap_err();
    match &err {
        BackupError::Io { path, .. } => assert_eq!(path, &backups),
        other => panic!("expected Io, got {other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("could not create backup directory"),
        "{err}"
    );

    // A read-only directory, where chmod applies (not root).
    if unsafe { libc::geteuid() } != 0 {
        let ro = dir.path().join("ro");
        std::fs::create_dir(&ro).unwrap();
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o500)).unwrap();
        let err = take_backup(&db.target(), &options(&db, &ro)).unwrap_err();
        assert!(matches!(err, BackupError::Io { .. }), "{err:?}");
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o700)).unwrap();
        assert!(files_in(&ro).is_empty());
    }
}

#[test]
fn failing_pg_dump_leaves_no_dump_and_no_part() {
    let db = TestDb::create();
    let dir = tempfile::tempdir().unwrap();
    let mut target = db.target();
    target.dbname = format!("{}_missing", db.name);
    let err = take_backup(&target, &options(&db, dir.path())).unwrap_err();
    match &err {
        BackupError::Failed {
            command,
            stderr_tail,
            ..
        } => {
            assert!(command.ends_with("pg_dump"), "{command}");
            assert!(stderr_tail.contains("does not exist"), "{stderr_tail}");
        }
        other => panic!("expected Failed, got {other:?}"),
    }
    assert!(err.to_string().contains("ran and failed"), "{err}");
    assert!(
        files_in(dir.path()).is_empty(),
        "{:?}",
        files_in(dir.path())
    );
}

#[test]
fn truncated_dump_is_never_left_under_a_valid_name() {
    let db = TestDb::create();
    db.seed();
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("bin");
    std::fs::create_dir(&fake).unwrap();
    let real = tools_for(&db);
    // Runs the real pg_dump, then cuts the archive short as a full disk or a kill would.
    write_script(
        &fake.join("pg_dump"),
        &format!(
            "#!/bin/sh\n\"{real}/pg_dump\" \"$@\" || exit $?\n\
             for a in \"$@\"; do if [ \"$prev\" = --file ]; then f=$a; fi; prev=$a; done\n\
             [ -n \"$f\" ] && truncate -s 100 \"$f\"\nexit 0\n",
            real = real.display()
        ),
    );
    let backups = dir.path().join("backups");
    let mut opts = options(&db, &backups);
    // Only the wrapper's directory: a real binary elsewhere would win over a script.
    link_real_pg_restore(&fake, &real);
    opts.tools = ToolSearch { dirs: vec![fake] };
    let err = take_backup(&db.target(), &opts).unwrap_err();
    assert!(matches!(err, BackupError::Invalid { .. }), "{err:?}");
    assert!(err.to_string().starts_with("invalid backup"), "{err}");
    assert!(files_in(&backups).is_empty(), "{:?}", files_in(&backups));
}

#[test]
fn retention_keeps_newest_n_and_never_touches_others() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let stamps = [
        "20260101T000000Z",
        "20260102T000000Z",
        "20260103T000000Z",
        "20260104T000000Z",
        "20260105T000000Z",
    ];
    for (i, s) in stamps.iter().enumerate() {
        let name = format!("app-{s}-v{i}.dump");
        std::fs::write(d.join(&name), "dump").unwrap();
        std::fs::write(d.join(format!("{name}.json")), "{}").unwrap();
    }
    // Not schemagate's: wrong pattern, or no sidecar, or another database.
    std::fs::write(d.join("notes.txt"), "keep me").unwrap();
    std::fs::write(d.join("app-manual.dump"), "keep me").unwrap();
    std::fs::write(d.join("app-20250101T000000Z-v0.dump"), "no sidecar").unwrap();
    std::fs::write(d.join("other-20250101T000000Z-v0.dump"), "x").unwrap();
    std::fs::write(d.join("other-20250101T000000Z-v0.dump.json"), "{}").unwrap();

    // The one "just taken" is the oldest (a clock set back): it must survive anyway.
    let just_taken = d.join("app-20260101T000000Z-v0.dump");
    let mut deleted = prune(d, 2, &just_taken).unwrap();
    deleted.sort();
    assert_eq!(
        deleted,
        vec![
            d.join("app-20260102T000000Z-v1.dump"),
            d.join("app-20260103T000000Z-v2.dump")
        ]
    );
    assert_eq!(
        files_in(d),
        vec![
            "app-20250101T000000Z-v0.dump",
            "app-20260101T000000Z-v0.dump",
            "app-20260101T000000Z-v0.dump.json",
            "app-20260104T000000Z-v3.dump",
            "app-20260104T000000Z-v3.dump.json",
            "app-20260105T000000Z-v4.dump",
            "app-20260105T000000Z-v4.dump.json",
            "app-manual.dump",
            "notes.txt",
            "other-20250101T000000Z-v0.dump",
            "other-20250101T000000Z-v0.dump.json",
        ]
    );

    // Newest first; the dump without sidecar is listed, with its version from the name.
    let listed = list_backups(d).unwrap();
    let names: Vec<_> = listed
        .iter()
        .map(|e| e.path.file_name().unwrap().to_owned())
        .collect();
    assert_eq!(names[0], "app-20260105T000000Z-v4.dump");
    assert_eq!(listed[0].version, 4);
    assert!(
        listed
            .iter()
            .any(|e| e.sidecar.is_none() && e.database == "app")
    );
}

#[test]
fn password_travels_in_an_in_memory_passfile_never_in_argv_or_on_disk() {
    let db = TestDb::create();
    db.seed();
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("bin");
    let log = dir.path().join("log");
    std::fs::create_dir_all(&fake).unwrap();
    std::fs::create_dir_all(&log).unwrap();
    let real = tools_for(&db);
    // Records what pg_dump really receives (its /proc cmdline, its PG* environment, the
    // passfile's mode and contents), then becomes the real pg_dump.
    write_script(
        &fake.join("pg_dump"),
        &format!(
            "#!/bin/sh\nL={log}\n\
             if [ \"$1\" != --version ]; then\n\
               tr '\\0' '\\n' < /proc/$$/cmdline > $L/cmdline\n\
               env | grep '^PG' > $L/env\n\
               stat -L -c %a \"$PGPASSFILE\" > $L/passfile_mode\n\
               cp \"$PGPASSFILE\" $L/passfile_contents\n\
               echo \"$PGPASSFILE\" > $L/passfile_path\n\
             fi\n\
             exec \"{real}/pg_dump\" \"$@\"\n",
            log = log.display(),
            real = real.display()
        ),
    );
    // Trust authentication accepts the connection whatever the password; what matters here
    // is how the password is handed over.
    let password = format!("S3cret:{}\\x", unique_name("pw"));
    let mut target = db.target();
    target.password = Some(password.clone());
    let mut opts = options(&db, &dir.path().join("backups"));
    // Only the wrapper's directory: a real binary elsewhere would win over a script.
    link_real_pg_restore(&fake, &real);
    opts.tools = ToolSearch { dirs: vec![fake] };
    let info = take_backup(&target, &opts).unwrap();

    let read = |name: &str| std::fs::read_to_string(log.join(name)).unwrap();
    let cmdline = read("cmdline");
    assert!(cmdline.contains("--format=custom"), "{cmdline}");
    assert!(!cmdline.contains("S3cret"), "{cmdline}");
    let env = read("env");
    assert!(!env.contains("PGPASSWORD"), "{env}");
    assert!(!env.contains("S3cret"), "{env}");
    assert!(env.contains(&format!("PGDATABASE={}", db.name)), "{env}");
    assert_eq!(read("passfile_mode").trim(), "600");
    let escaped = password.replace('\\', "\\\\").replace(':', "\\:");
    assert_eq!(read("passfile_contents"), format!("*:*:*:*:{escaped}\n"));
    // A descriptor of pg_dump's own (an in-memory file), not a path on disk.
    let passfile = read("passfile_path");
    assert!(passfile.starts_with("/proc/self/fd/"), "{passfile}");
    assert!(!format!("{target:?}").contains("S3cret"));
    assert!(
        !std::fs::read_to_string(&info.sidecar)
            .unwrap()
            .contains("S3cret")
    );

    // And on the failure path the passfile is gone too.
    target.dbname = format!("{}_missing", db.name);
    let err = take_backup(&target, &opts).unwrap_err();
    assert!(!err.to_string().contains("S3cret"), "{err}");
}

#[test]
fn free_space_check_refuses_early() {
    let db = TestDb::create();
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(&db, dir.path());
    opts.database_size_bytes = Some(u64::MAX / 2);
    let err = take_backup(&db.target(), &opts).unwrap_err();
    assert!(matches!(err, BackupError::NotEnoughSpace { .. }), "{err:?}");
    assert!(
        err.to_string().starts_with("not enough free space in"),
        "{err}"
    );
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn a_real_binary_wins_over_a_wrapper_script_of_the_same_major() {
    let dir = tempfile::tempdir().unwrap();
    // The machine's own major stands for the server's: the choice among tools is tested, not
    // a backup of the test server.
    let (real, major) = real_tools();
    let scripts = dir.path().join("wrapper");
    let binaries = dir.path().join("binaries");
    std::fs::create_dir_all(&scripts).unwrap();
    std::fs::create_dir_all(&binaries).unwrap();
    write_script(
        &scripts.join("pg_dump"),
        &format!("#!/bin/sh\nexec \"{}/pg_dump\" \"$@\"\n", real.display()),
    );
    std::os::unix::fs::symlink(real.join("pg_dump"), binaries.join("pg_dump")).unwrap();
    let search = ToolSearch {
        dirs: vec![scripts, binaries.clone()],
    };
    assert_eq!(
        search.find("pg_dump", major).unwrap(),
        binaries.join("pg_dump")
    );
}

/// Asking a script its version costs a process start (Debian's pg_wrapper: a Perl start), and
/// a script never beats a binary of the same major: with such a binary found, scripts stay
/// unasked. Without one, the script is asked and used.
#[test]
fn scripts_are_not_asked_when_a_binary_of_the_servers_major_exists() {
    let dir = tempfile::tempdir().unwrap();
    // The machine's own major stands for the server's: the choice among tools is tested, not
    // a backup of the test server.
    let (real, major) = real_tools();
    let scripts = dir.path().join("wrapper");
    let binaries = dir.path().join("binaries");
    std::fs::create_dir_all(&scripts).unwrap();
    std::fs::create_dir_all(&binaries).unwrap();
    let asked = dir.path().join("asked");
    write_script(
        &scripts.join("pg_dump"),
        &format!(
            "#!/bin/sh\necho \"$@\" >> \"{}\"\nexec \"{}/pg_dump\" \"$@\"\n",
            asked.display(),
            real.display()
        ),
    );
    std::os::unix::fs::symlink(real.join("pg_dump"), binaries.join("pg_dump")).unwrap();
    let both = ToolSearch {
        dirs: vec![scripts.clone(), binaries.clone(), binaries.clone()],
    };
    assert_eq!(
        both.find("pg_dump", major).unwrap(),
        binaries.join("pg_dump")
    );
    assert!(!asked.exists(), "the script was asked for its version");
    let only_scripts = ToolSearch {
        dirs: vec![scripts.clone()],
    };
    assert_eq!(
        only_scripts.find("pg_dump", major).unwrap(),
        scripts.join("pg_dump")
    );
    assert_eq!(std::fs::read_to_string(&asked).unwrap(), "--version\n");
}

/// The runtime image's layout (Dockerfile): Debian's `pg_wrapper` script on PATH, reporting the
/// newest installed major, and one `/usr/lib/postgresql/N/bin` per installed major (16, 17, 18).
/// Not laid out like that here, so each stand-in answers `--version` with its major and hands
/// everything else to the real tool for the test server's major.
#[test]
fn the_images_layout_picks_the_servers_major_or_the_lowest_newer_one() {
    let db = TestDb::create();
    let real = tools_for(&db);
    let root = tempfile::tempdir().unwrap();
    let path_dir = root.path().join("usr/bin");
    let mut dirs = vec![path_dir.clone()];
    let mut layout = vec![(path_dir, 18)];
    for major in [16, 17, 18] {
        let dir = root.path().join(format!("usr/lib/postgresql/{major}/bin"));
        dirs.push(dir.clone());
        layout.push((dir, major));
    }
    for (dir, major) in &layout {
        std::fs::create_dir_all(dir).unwrap();
        for tool in ["pg_dump", "pg_restore"] {
            write_script(
                &dir.join(tool),
                &format!(
                    "#!/bin/sh\n\
                     if [ \"$1\" = --version ]; then echo '{tool} (PostgreSQL) {major}.1 (Debian {major}.1-1.pgdg120+1)'; exit 0; fi\n\
                     exec \"{}/{tool}\" \"$@\"\n",
                    real.display()
                ),
            );
        }
    }
    let search = ToolSearch { dirs: dirs.clone() };
    let lib = |major: u32| dirs[(major - 15) as usize].join("pg_dump");
    // Exact majors, and older servers (PostgreSQL 14, 15) get the lowest newer pg_dump, not the
    // wrapper's newest one.
    for (server, expected) in [(14, 16), (15, 16), (16, 16), (17, 17)] {
        assert_eq!(
            search.find("pg_dump", server).unwrap(),
            lib(expected),
            "server {server}"
        );
    }
    // 18: the wrapper and the binary directory tie (both are scripts here; in the image the
    // binary is an ELF file and wins).
    let (_, version) = search.find_with_version("pg_dump", 18).unwrap();
    assert!(version.contains("(PostgreSQL) 18."), "{version}");
    // Newer than everything installed: refused, naming the package and what was found.
    let message = search.find("pg_dump", 19).unwrap_err().to_string();
    assert!(message.contains("postgresql-client-19"), "{message}");
    assert!(message.contains("is 18"), "{message}");

    // A real backup of this server goes through the chosen directory.
    let major = db.server_version_num() / 10000;
    let chosen = major.max(16);
    assert!(
        chosen <= 18,
        "the test server ({major}) is newer than the layout"
    );
    let dir = tempfile::tempdir().unwrap();
    let mut opts = options(&db, dir.path());
    opts.tools = search;
    let info = take_backup(&db.target(), &opts).unwrap();
    assert!(
        info.pg_dump_version
            .starts_with(&format!("pg_dump (PostgreSQL) {chosen}.1")),
        "{}",
        info.pg_dump_version
    );
}
