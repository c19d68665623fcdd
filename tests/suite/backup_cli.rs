//! Backups through the CLI (issue 4): taken by `deploy` before anything changes, valid and
//! restorable, refused cleanly when `pg_dump` is missing or the directory unusable, pruned, and
//! the journey_templates recovery with `restore --table`.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::support::cli::Project;

/// The `.dump` files in `dir`, sorted by name.
fn dumps(dir: &Path) -> Vec<PathBuf> {
    let mut list: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    list.retain(|p| p.extension().is_some_and(|e| e == "dump"));
    list.sort();
    list
}

fn users_project() -> Project {
    let p = Project::new();
    p.migration(
        "V1__users.sql",
        "create table users (id bigserial primary key, email text not null);",
    );
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.execute("insert into users (email) select 'u' || g || '@example.com' from generate_series(1, 250) g");
    p
}

#[test]
fn deploy_takes_a_valid_private_backup_that_restores_elsewhere() {
    let p = users_project();
    p.migration(
        "V2__posts.sql",
        "create table posts (id bigint primary key);",
    );
    let deploy = || {
        p.schemagate(&[
            "deploy",
            "--backup-dir",
            "bk",
            "--",
            "sh",
            "-c",
            "echo started",
        ])
    };
    deploy()
        .status(0)
        .stdout_has("started")
        .stderr_has("backup")
        .run();
    let files = dumps(&p.path().join("bk"));
    assert_eq!(files.len(), 1, "{files:?}");
    let dump = &files[0];
    let mut sidecar = dump.as_os_str().to_owned();
    sidecar.push(".json");
    let sidecar = PathBuf::from(sidecar);
    assert!(sidecar.is_file(), "no sidecar {}", sidecar.display());
    for f in [dump, &sidecar] {
        let mode = std::fs::metadata(f).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} is {mode:o}", f.display());
    }

    // Restore into a second fresh database: the rows as they were before V2.
    let other = Project::new();
    p.schemagate(&[
        "restore",
        dump.to_str().unwrap(),
        "--yes",
        "--database-url",
        &other.db.url,
    ])
    .status(0)
    .run();
    assert_eq!(other.value("select count(*) from users"), "250");
    assert_eq!(other.applied_versions(), [1]);
    assert!(!other.user_tables().contains(&"posts".to_string()));
}

#[test]
fn nothing_pending_takes_no_backup() {
    let p = users_project();
    p.schemagate(&["deploy", "--backup-dir", "bk"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
    assert!(dumps(&p.path().join("bk")).is_empty());
}

/// The refusal for want of a fitting `pg_dump` (exit 7, naming the server's major and the
/// client to install, nothing applied, no file), with the tools hidden by an empty
/// SCHEMAGATE_PG_BINDIR on every major; then found through SCHEMAGATE_PG_BINDIR, and under
/// /usr/lib/postgresql/*/bin with nothing on PATH (the image's layout).
#[test]
fn pg_dump_missing_refuses_and_is_found_by_bindir_or_under_usr_lib_postgresql() {
    let p = users_project();
    p.migration(
        "V2__posts.sql",
        "create table posts (id bigint primary key);",
    );
    let empty = tempfile::tempdir().unwrap();
    let major = p.server_major();
    p.schemagate(&[
        "deploy",
        "--backup-dir",
        "bk",
        "--",
        "sh",
        "-c",
        "echo started",
    ])
    .env("SCHEMAGATE_PG_BINDIR", empty.path().to_str().unwrap())
    .refuses_backup_for(major)
    .stderr_has("SCHEMAGATE_PG_BINDIR")
    .stdout_lacks("started")
    .run();
    assert_eq!(p.user_tables(), ["users"]);
    assert_eq!(p.applied_versions(), [1]);
    assert!(dumps(&p.path().join("bk")).is_empty());

    // Pointed at a directory that has the tools (first the empty one), the backup is taken.
    let real = crate::support::pg_client_dir(major);
    let dirs = format!("{}:{}", empty.path().display(), real.display());
    let deploy = || {
        p.schemagate(&["deploy", "--backup-dir", "bk"])
            .env("SCHEMAGATE_PG_BINDIR", &dirs)
            .env("PATH", "/usr/bin:/bin")
    };
    deploy().status(0).run();
    assert_eq!(dumps(&p.path().join("bk")).len(), 1);
    assert_eq!(p.applied_versions(), [1, 2]);

    // The Docker image's case: no SCHEMAGATE_PG_BINDIR, and no pg_dump on PATH (Debian's
    // /usr/bin/pg_dump is only there with postgresql-client-common): found under
    // /usr/lib/postgresql/*/bin all the same, when a client there fits the server. This machine
    // has Debian's 15 there (the image has 16, 17 and 18): against a newer server, only older
    // ones are found, and that is the refusal.
    p.migration("V3__tags.sql", "create table tags (id bigint primary key);");
    let mut usr_lib: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|d| d.flatten().map(|e| e.path().join("bin")).collect())
        .unwrap_or_default();
    usr_lib.sort();
    let fitting = schemagate::backup::ToolSearch { dirs: usr_lib }.find("pg_dump", major);
    let deploy = p
        .schemagate(&["deploy", "--backup-dir", "bk"])
        .env("PATH", empty.path().to_str().unwrap());
    let Ok(found) = fitting else {
        deploy
            .refuses_backup_for(major)
            .stderr_has("only older ones found")
            .run();
        assert_eq!(p.applied_versions(), [1, 2]);
        assert_eq!(dumps(&p.path().join("bk")).len(), 1);
        return;
    };
    deploy.status(0).run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);
    let newest = dumps(&p.path().join("bk")).pop().unwrap();
    assert!(newest.to_str().unwrap().ends_with("-v2.dump"), "{newest:?}");
    let mut sidecar = newest.into_os_string();
    sidecar.push(".json");
    let sidecar: serde_json::Value =
        serde_json::from_slice(&std::fs::read(sidecar).unwrap()).unwrap();
    let version = std::process::Command::new(&found)
        .arg("--version")
        .output()
        .unwrap()
        .stdout;
    assert_eq!(
        sidecar["pg_dump_version"].as_str().unwrap(),
        String::from_utf8_lossy(&version).trim()
    );
}

#[test]
fn backup_dir_under_a_regular_file_refuses_and_changes_nothing() {
    let p = users_project();
    p.migration(
        "V2__posts.sql",
        "create table posts (id bigint primary key);",
    );
    p.file("not_a_dir", "x");
    let deploy = || {
        p.schemagate(&[
            "deploy",
            "--backup-dir",
            "not_a_dir/bk",
            "--",
            "sh",
            "-c",
            "echo started",
        ])
    };
    deploy()
        .status(7)
        .stderr_has("not_a_dir")
        .stdout_lacks("started")
        .run();
    assert_eq!(p.user_tables(), ["users"]);
    assert_eq!(p.applied_versions(), [1]);
}

#[test]
fn keep_backups_prunes_old_dumps_but_never_foreign_files() {
    let p = users_project();
    p.file("bk/notes.txt", "mine");
    p.file("bk/other.dump", "not a schemagate backup");
    for n in 2..=4 {
        p.migration(
            &format!("V{n}__t{n}.sql"),
            &format!("create table t{n} (id int);"),
        );
        p.schemagate(&["deploy", "--backup-dir", "bk", "--keep-backups", "2"])
            .status(0)
            .run();
        // Backup names carry a timestamp; keep them apart.
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let ours: Vec<PathBuf> = dumps(&p.path().join("bk"))
        .into_iter()
        .filter(|d| !d.ends_with("other.dump"))
        .collect();
    assert_eq!(ours.len(), 2, "{ours:?}");
    assert!(p.path().join("bk/notes.txt").is_file());
    assert!(p.path().join("bk/other.dump").is_file());
}

#[test]
fn journey_templates_recovery_restores_the_dropped_table_with_its_rows() {
    let p = users_project();
    p.execute(
        "create table journey_templates (id int primary key, name text not null);
         insert into journey_templates values (1, 'onboarding'), (2, 'winback'), (3, 'churn');",
    );
    p.migration(
        "V2__drop_templates.sql",
        "-- squawk-ignore ban-drop-table\nDROP TABLE journey_templates;\n",
    );
    p.schemagate(&["deploy", "--backup-dir", "bk"])
        .status(0)
        .run();
    assert_eq!(p.user_tables(), ["users"]);
    let files = dumps(&p.path().join("bk"));
    assert_eq!(files.len(), 1, "{files:?}");
    let dump = files[0].to_str().unwrap();

    // Without --yes and without a terminal: refused, nothing restored.
    p.schemagate(&["restore", dump, "--table", "journey_templates"])
        .status(2)
        .stderr_has("--yes")
        .run();
    assert_eq!(p.user_tables(), ["users"]);

    p.schemagate(&["restore", dump, "--table", "journey_templates", "--yes"])
        .status(0)
        .run();
    assert_eq!(
        p.column("select name from journey_templates order by id"),
        ["onboarding", "winback", "churn"]
    );
    // The history is the live one, not the backup's.
    assert_eq!(p.applied_versions(), [1, 2]);

    // A data-only restore into a table that has rows would duplicate them: refused.
    p.schemagate(&[
        "restore",
        dump,
        "--table",
        "journey_templates",
        "--data-only",
        "--yes",
    ])
    .status(2)
    .stderr_has("not empty")
    .run();
    assert_eq!(p.value("select count(*) from journey_templates"), "3");
    p.execute("truncate journey_templates");
    p.schemagate(&[
        "restore",
        dump,
        "--table",
        "journey_templates",
        "--data-only",
        "--yes",
    ])
    .status(0)
    .run();
    assert_eq!(p.value("select count(*) from journey_templates"), "3");
    p.schemagate(&[
        "restore",
        dump,
        "--table",
        "no_such_table",
        "--data-only",
        "--yes",
    ])
    .status(2)
    .stderr_has("table public.no_such_table is not in")
    .run();

    // `backups` lists newest first.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    p.schemagate(&["backup", "--backup-dir", "bk"])
        .status(0)
        .run();
    let out = p
        .schemagate(&["backups", "--backup-dir", "bk"])
        .status(0)
        .run();
    let listing = String::from_utf8_lossy(&out.stdout).into_owned();
    let lines: Vec<&str> = listing.lines().filter(|l| l.contains(".dump")).collect();
    assert_eq!(lines.len(), 2, "{listing}");
    let name = files[0].file_name().unwrap().to_str().unwrap();
    assert!(lines[1].contains(name), "oldest not last: {listing}");
    assert!(!lines[0].contains(name), "oldest not last: {listing}");
}

/// Railway mounts a volume owned by root; the image runs as uid 10001. Creating the backup
/// directory there fails: exit 7, nothing applied, and the message says whose directory it is
/// and names the ways out (chown, RAILWAY_RUN_UID=0, another --backup-dir). Needs root to run
/// the binary as another user (CI runs as root); scripts/image-check.sh does the same in the
/// built image.
#[test]
fn root_owned_volume_as_non_root_user_is_exit_7_naming_railway_run_uid() {
    // SAFETY: geteuid has no preconditions and cannot fail.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: running the binary as another user needs root (CI runs as root)");
        return;
    }
    let p = Project::new();
    p.migration("V1__users.sql", "create table users (id bigint);");
    // Where uid 10001 can read the project and run the binary, as in the image.
    let bin = tempfile::tempdir().unwrap();
    let schemagate = bin.path().join("schemagate");
    std::fs::copy(crate::support::cli::binary(), &schemagate).unwrap();
    for dir in [bin.path(), p.path(), &p.path().join("migrations")] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // The volume: root's, 0755, as Railway mounts it.
    let volume = tempfile::tempdir().unwrap();
    std::fs::set_permissions(volume.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let backups = volume.path().join("backups");

    let out = std::process::Command::new("setpriv")
        .args(["--reuid=10001", "--regid=10001", "--clear-groups", "--"])
        .arg(&schemagate)
        .args(["deploy", "--backup-dir"])
        .arg(&backups)
        .args(["--", "echo", "the app must not start"])
        .current_dir(p.path())
        .env("DATABASE_URL", &p.db.url)
        .env_remove("SCHEMAGATE_BACKUP_DIR")
        .output()
        .expect("setpriv (util-linux) is needed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(7), "{stdout}\n{stderr}");
    for text in [
        format!(
            "could not create backup directory {}: Permission denied",
            backups.display()
        ),
        format!(
            "hint: {} is owned by uid 0 and schemagate runs as uid 10001",
            volume.path().display()
        ),
        "chown 10001".to_string(),
        "RAILWAY_RUN_UID=0".to_string(),
    ] {
        assert!(stderr.contains(&text), "stderr lacks {text:?}:\n{stderr}");
    }
    assert!(!stdout.contains("the app must not start"), "{stdout}");
    assert_eq!(p.applied_versions(), Vec::<i32>::new());
    assert!(!backups.exists());
}
