//! Broken input (issue 7): misnamed, duplicate, binary, oversized and unreadable migration
//! files, odd directory entries, and malformed expected schema files. Each case must end in its
//! documented exit code, with a message naming the file (and line, where there is one) and the
//! cause, before anything changed: no history row, no user table, no backup.
//!
//! Every case sits beside a valid pending `V2__next.sql`, so a bad entry that were silently
//! skipped would let the deploy apply it and show up as a changed database.

use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::time::Duration;

use crate::support::cli::Project;

/// A project whose `V1__base.sql` is applied, with `V2__next.sql` pending and a backup
/// directory holding one file of someone else's.
fn project() -> Project {
    let p = Project::new();
    p.migration("V1__base.sql", "create table base (id int primary key);\n");
    p.schemagate(&["deploy", "--no-backup"]).status(0).run();
    p.migration("V2__next.sql", "create table next (id int);\n");
    p.file("backups/notes.txt", "not a backup\n");
    p
}

/// What a refused command must leave as it was.
#[derive(Debug, PartialEq)]
struct State {
    user_tables: Vec<String>,
    history: Vec<String>,
    backups: Vec<String>,
}

fn state(p: &Project) -> State {
    let mut backups: Vec<String> = std::fs::read_dir(p.path().join("backups"))
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    backups.sort();
    State {
        user_tables: p.user_tables(),
        history: p.column(
            "select version || ' ' || name || ' ' || checksum from refinery_schema_history order by version",
        ),
        backups,
    }
}

/// Runs `deploy` (a backup would be taken: pending files exist) and requires `code`, every
/// text in `says` on stderr, and the database, history and backups unchanged.
fn refused(p: &Project, code: i32, says: &[&str]) {
    let before = state(p);
    let mut run = p
        .schemagate(&["deploy", "--", "sh", "-c", "echo started"])
        .status(code)
        .stdout_lacks("started")
        .within(Duration::from_secs(60));
    for text in says {
        run = run.stderr_has(text);
    }
    run.run();
    assert_eq!(state(p), before, "the refused deploy changed something");
}

fn write_bytes(p: &Project, name: &str, bytes: &[u8]) {
    std::fs::write(p.path().join("migrations").join(name), bytes).unwrap();
}

fn remove(p: &Project, name: &str) {
    let path = p.path().join("migrations").join(name);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn misnamed_files_exit_5_naming_file_and_cause() {
    let p = project();
    let cases: &[(&str, &str)] = &[
        ("V3_one_underscore.sql", "separated by two underscores"),
        ("v3__lower_v.sql", "the name must be V{version}__{name}.sql"),
        ("V__no_version.sql", "the version must be a whole number"),
        ("V3.5__dotted.sql", "the version must be a whole number"),
        (
            "V3__bad-name.sql",
            "may only contain letters, digits and underscores",
        ),
        (
            "V3__ünïcode.sql",
            "may only contain letters, digits and underscores",
        ),
        ("foo.sql", "the name must be V{version}__{name}.sql"),
        (
            "U3__undo.sql",
            "unversioned (U) migrations are not supported",
        ),
        // Skipped without a word before: its table would have been missing on deploy.
        ("V3__upper_case.SQL", "must end in .sql, in lower case"),
        (
            "V20240101120000__timestamp.sql",
            "does not fit in a 32-bit integer",
        ),
        (
            "V2147483648__just_over.sql",
            "does not fit in a 32-bit integer",
        ),
    ];
    for (name, cause) in cases {
        p.migration(name, "create table misnamed (id int);\n");
        refused(&p, 5, &[&format!("{name}: bad migration name: "), cause]);
        remove(&p, name);
    }

    // A name that is not UTF-8 at all is shown with a replacement character.
    let name = std::ffi::OsStr::from_bytes(b"V3__caf\xe9.sql");
    std::fs::write(p.path().join("migrations").join(name), "select 1;\n").unwrap();
    refused(&p, 5, &["V3__caf\u{fffd}.sql: bad migration name"]);
    std::fs::remove_file(p.path().join("migrations").join(name)).unwrap();

    // Several at once are all reported.
    p.migration("V3_a.sql", "select 1;\n");
    p.migration("foo.sql", "select 1;\n");
    refused(
        &p,
        5,
        &[
            "V3_a.sql: bad migration name",
            "foo.sql: bad migration name",
        ],
    );
}

#[test]
fn duplicate_versions_exit_5_naming_both_files() {
    let p = project();
    p.migration("V02__next_again.sql", "create table next_again (id int);\n");
    refused(
        &p,
        5,
        &[
            "version 2 is used by more than one file: V02__next_again.sql, V2__next.sql",
            "hint: give each migration its own version",
        ],
    );
    remove(&p, "V02__next_again.sql");
    // In a subdirectory too: files are collected from below the directory.
    p.file(
        "migrations/later/V2__next.sql",
        "create table next (id int);\n",
    );
    refused(
        &p,
        5,
        &["version 2 is used by more than one file: V2__next.sql, V2__next.sql"],
    );
}

#[test]
fn lint_of_named_files_reads_them_as_deploy_does() {
    let p = Project::new();
    for (name, bytes, message) in [
        (
            "latin1.sql",
            &b"select 1;\n-- caf\xe9\n"[..],
            "latin1.sql:2: not UTF-8 text (invalid byte at offset 16)",
        ),
        // A NUL would reach the linter as text and be linted as if it were SQL.
        (
            "nul.sql",
            &b"select 1;\nselect 2;\x00\n"[..],
            "nul.sql:2: a NUL byte at offset 19",
        ),
    ] {
        std::fs::write(p.path().join(name), bytes).unwrap();
        p.schemagate(&["lint", name])
            .status(2)
            .stderr_has(message)
            .run();
    }
}

#[test]
fn bad_contents_exit_2_naming_file_line_and_cause() {
    let p = project();
    let cases: &[(&[u8], &str)] = &[
        // Latin-1 on the third line.
        (
            b"-- a migration\ninsert into base values (1);\n-- caf\xe9\n",
            "V3__bad.sql:3: not UTF-8 text (invalid byte at offset 50)",
        ),
        // Binary junk that is valid UTF-8: NUL and control bytes. It used to reach the server
        // and fail as "the connection to the server was lost" (exit 8).
        (
            b"select 1;\n\x01\x02\x03\x00\x00\x7f junk\n",
            "V3__bad.sql:2: a NUL byte at offset 13",
        ),
        // Binary junk from a fixed generator: the first byte is already not UTF-8.
        (
            &junk(4096),
            "V3__bad.sql:1: not UTF-8 text (invalid byte at offset 0)",
        ),
        // Both problems: the first in the file is the one named.
        (
            b"select 1;\n\x00\nselect 'caf\xe9';\n",
            "V3__bad.sql:2: a NUL byte at offset 10",
        ),
        // A UTF-16 file, as some Windows editors save it.
        (
            b"\xff\xfec\x00r\x00e\x00a\x00t\x00e\x00",
            "V3__bad.sql:1: not UTF-8 text (invalid byte at offset 0)",
        ),
    ];
    for (bytes, message) in cases {
        write_bytes(&p, "V3__bad.sql", bytes);
        refused(&p, 2, &[message]);
    }
}

/// Deterministic bytes with every value present (xorshift), the first one above 0x7f.
fn junk(len: usize) -> Vec<u8> {
    let mut x: u32 = 0x9e37_79b9;
    let mut out = vec![0xc0];
    while out.len() < len {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        out.push(x as u8);
    }
    out
}

#[test]
fn an_empty_file_is_a_migration_that_does_nothing() {
    // refinery applies and records an empty file (its checksum is pinned in
    // migrations::tests), and `schemagate new` writes a file of comments only, which runs as
    // nothing: an empty file is the same no-op, not an error.
    let p = project();
    p.migration("V3__empty.sql", "");
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V3__empty.sql")
        .run();
    assert_eq!(p.applied_versions(), [1, 2, 3]);
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("nothing pending")
        .run();
}

#[test]
fn unreadable_entries_exit_2_naming_the_file() {
    let p = project();
    let dir = p.path().join("migrations");

    // A link to itself.
    symlink("V3__loop.sql", dir.join("V3__loop.sql")).unwrap();
    refused(
        &p,
        2,
        &["V3__loop.sql: cannot read the migration: Too many levels of symbolic links"],
    );
    remove(&p, "V3__loop.sql");

    // Two links pointing at each other.
    symlink("V4__b.sql", dir.join("V3__a.sql")).unwrap();
    symlink("V3__a.sql", dir.join("V4__b.sql")).unwrap();
    refused(
        &p,
        2,
        &["V3__a.sql: cannot read the migration: Too many levels"],
    );
    remove(&p, "V3__a.sql");
    remove(&p, "V4__b.sql");

    // A dangling link (a ConfigMap half updated, a file moved away).
    symlink("/nonexistent/V3__gone.sql", dir.join("V3__gone.sql")).unwrap();
    refused(
        &p,
        2,
        &["V3__gone.sql: cannot read the migration: No such file or directory"],
    );
    remove(&p, "V3__gone.sql");

    // Tests run as root, so a chmod 000 file is still readable. A file root cannot read:
    // /proc/self/mem at offset 0 (unmapped) fails every read with EIO, and stat calls it a
    // regular file.
    symlink("/proc/self/mem", dir.join("V3__mem.sql")).unwrap();
    refused(
        &p,
        2,
        &["V3__mem.sql: cannot read the migration: Input/output error"],
    );
    remove(&p, "V3__mem.sql");

    // A FIFO: reading it waited for a writer for ever, and the deploy hung.
    let fifo = dir.join("V3__fifo.sql");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: mkfifo only reads the NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    refused(&p, 2, &["V3__fifo.sql: not a regular file"]);
    remove(&p, "V3__fifo.sql");
}

#[test]
fn links_that_are_not_migrations_are_tolerated() {
    // A loop without the .sql suffix, and a directory link back to the directory itself
    // (followed, it would load every file twice or recurse), are not migrations: V2 is
    // applied once, as if they were not there.
    let p = project();
    let dir = p.path().join("migrations");
    symlink("loop", dir.join("loop")).unwrap();
    symlink(".", dir.join("again")).unwrap();
    p.schemagate(&["deploy", "--no-backup"])
        .status(0)
        .stderr_has("applied V2__next.sql")
        .run();
    assert_eq!(p.applied_versions(), [1, 2]);
}

#[test]
fn a_migrations_path_that_is_not_a_directory_exits_2() {
    let p = project();
    let before = state(&p);
    p.file("not_a_dir", "create table x (id int);\n");
    p.schemagate(&["--migrations", "not_a_dir", "deploy"])
        .status(2)
        .stderr_has("not_a_dir: cannot read the migrations directory: Not a directory")
        .run();
    p.schemagate(&["--migrations", "missing", "deploy"])
        .status(2)
        .stderr_has("missing: the migrations directory does not exist")
        .run();
    assert_eq!(state(&p), before);
}

/// Runs `deploy --no-backup` on a 10 MB migration, requiring it to end within `limit` with
/// `code`, and returns the peak memory of the process in MB.
// The child is reaped by wait4, which std cannot do, to read its peak memory.
#[allow(clippy::zombie_processes)]
fn deploy_large(p: &Project, code: i32, limit: Duration) -> u64 {
    let mut child = p.schemagate(&["deploy", "--no-backup"]).spawn();
    let stderr = child.stderr.take().unwrap();
    let stdout = child.stdout.take().unwrap();
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = pipe.read_to_string(&mut text);
            text
        })
    };
    let stderr = drain(Box::new(stderr));
    let _stdout = drain(Box::new(stdout));
    let deadline = std::time::Instant::now() + limit;
    let pid = child.id() as libc::pid_t;
    let (status, rusage) = loop {
        let mut status = 0;
        // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
        let mut rusage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waits for our own child; wait4 writes only to the two out-parameters.
        let got = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut rusage) };
        if got == pid {
            break (status, rusage);
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("deploy of a 10 MB file still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stderr = stderr.join().unwrap();
    assert!(libc::WIFEXITED(status), "killed by a signal: {stderr}");
    assert_eq!(libc::WEXITSTATUS(status), code, "{stderr}");
    // ru_maxrss is in kilobytes on Linux.
    rusage.ru_maxrss as u64 / 1024
}

#[test]
fn a_10_mb_migration_ends_in_a_documented_code_in_bounded_time_and_memory() {
    let p = project();
    let ten_mb = 10 * 1024 * 1024;

    // Ten megabytes of SQL-looking junk in one file: the linter gives up after its first
    // findings and PostgreSQL refuses it, rolled back.
    let mut x: u32 = 7;
    let alphabet = b"abc ;(),'\"\n-*/$1";
    let junk: Vec<u8> = (0..ten_mb)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            alphabet[(x % alphabet.len() as u32) as usize]
        })
        .collect();
    write_bytes(&p, "V3__junk.sql", &junk);
    let before = state(&p);
    let peak = deploy_large(&p, 8, Duration::from_secs(180));
    assert!(peak < 512, "peak memory {peak} MB for a 10 MB file");
    assert_eq!(state(&p), before);
    remove(&p, "V3__junk.sql");

    // Ten megabytes of data in one statement (a seed file): applied.
    let line = format!("{}\n", "x".repeat(99));
    let sql = format!(
        "create table seed (t text);\ninsert into seed values ('{}');\n",
        line.repeat(ten_mb / line.len())
    );
    p.migration("V3__seed.sql", &sql);
    let peak = deploy_large(&p, 0, Duration::from_secs(180));
    assert!(peak < 512, "peak memory {peak} MB for a 10 MB file");
    assert_eq!(p.applied_versions(), [1, 2, 3]);
    assert_eq!(p.value("select length(t) from seed"), "10485700");
}

/// Expected schema files that must stop `verify`, `check` and `deploy` with exit 2, naming
/// `file:line:` and the cause: (contents, line, cause).
fn expected_corpus() -> Vec<(Vec<u8>, usize, &'static str)> {
    let long = "t".repeat(64);
    let mut cases: Vec<(Vec<u8>, usize, &'static str)> = vec![
        (
            b"version = 2\n\n[tables.base\ncolumns = {}\n".to_vec(),
            3,
            "invalid table header",
        ),
        (
            b"version = 2\ncolumns = {\n".to_vec(),
            2,
            "malformed expected schema: ",
        ),
        (
            b"version = \"two\"\n".to_vec(),
            1,
            "invalid type: string \"two\", expected i32",
        ),
        (b"version = 99999999999\n".to_vec(), 1, "i32"),
        (
            b"version = 2\n\n[tables.base]\ncolumns = { id = 5 }\n".to_vec(),
            4,
            "invalid type: integer `5`, expected a string",
        ),
        (
            b"[tables.base]\ncolumns = { id = \"*\" }\nindexes = \"base_pkey\"\n".to_vec(),
            3,
            "invalid type: string \"base_pkey\", expected a sequence",
        ),
        (
            b"[tables]\nbase = 1\n".to_vec(),
            2,
            "invalid type: integer `1`",
        ),
        (
            b"[enums.mood]\nvalues = \"happy\"\n".to_vec(),
            2,
            "invalid type: string",
        ),
        (b"[enums.mood]\n".to_vec(), 1, "missing field `values`"),
        (
            b"[tables.base]\ncolumns = { id = \"integer maybe\" }\n".to_vec(),
            2,
            "bad column spec \"integer maybe\" for base.id",
        ),
        (
            b"[tables.base]\ncolumns = { id = \"int nul\" }\n".to_vec(),
            2,
            "bad column spec \"int nul\"",
        ),
        (
            b"[tables.base]\ncolumns = { id = \"\" }\n".to_vec(),
            2,
            "bad column spec \"\"",
        ),
        (
            b"[tables.base]\ncolumns = { id = \"*\" }\nprimary_key = \"id\"\n".to_vec(),
            3,
            "unknown field `primary_key`, expected `columns` or `indexes`",
        ),
        (b"\nversoin = 2\n".to_vec(), 2, "unknown field `versoin`"),
        (b"[views.v]\n".to_vec(), 1, "unknown field `views`"),
        (
            b"[tables.\"\"]\ncolumns = {}\n".to_vec(),
            1,
            "bad table name \"\"",
        ),
        (
            b"[tables.\".base\"]\ncolumns = {}\n".to_vec(),
            1,
            "bad table name \".base\"",
        ),
        (
            b"[tables.\"base.\"]\ncolumns = {}\n".to_vec(),
            1,
            "bad table name \"base.\"",
        ),
        (
            b"[tables.\"\\u0000\"]\ncolumns = {}\n".to_vec(),
            1,
            "bad table name",
        ),
        (
            b"[tables.base]\ncolumns = { \"\" = \"*\" }\n".to_vec(),
            2,
            "bad column name \"\"",
        ),
        (
            b"[tables.base]\ncolumns = { id = \"*\" }\nindexes = [\"\"]\n".to_vec(),
            1,
            "bad index name \"\"",
        ),
        (
            b"[enums.\"\"]\nvalues = []\n".to_vec(),
            1,
            "bad enum name \"\"",
        ),
        (b"".to_vec(), 1, "the file is empty"),
        (b"\n  \n\t\n".to_vec(), 1, "the file is empty"),
        (
            b"\x00\x01\x02\x03junk".to_vec(),
            1,
            "malformed expected schema: ",
        ),
        (junk(512), 1, "not UTF-8 text (invalid byte at offset 0)"),
        (
            b"[tables.base]\ncolumns = { id = \"caf\xe9\" }\n".to_vec(),
            2,
            "not UTF-8 text (invalid byte at offset 35)",
        ),
    ];
    // PostgreSQL truncates a longer name on creation, so this table could never exist.
    let too_long = format!("[tables.{long}]\ncolumns = {{}}\n");
    cases.push((too_long.into_bytes(), 1, "bad table name \"tttttttt"));
    cases
}

#[test]
fn malformed_expected_schema_files_exit_2_for_verify_check_and_deploy() {
    let p = project();
    let path = p.path().join("migrations/expected_schema.toml");
    for (bytes, line, cause) in expected_corpus() {
        std::fs::write(&path, &bytes).unwrap();
        let at = format!("migrations/expected_schema.toml:{line}: ");
        let shown = String::from_utf8_lossy(&bytes).into_owned();
        for args in [&["verify"][..], &["check"], &["deploy"]] {
            let before = state(&p);
            p.schemagate(args)
                .status(2)
                .stderr_has(&at)
                .stderr_has(cause)
                .within(Duration::from_secs(60))
                .run();
            assert_eq!(state(&p), before, "{args:?} on {shown:?}");
        }
    }
}

#[test]
fn a_hand_written_file_of_only_comments_requires_nothing() {
    // The line the empty-file rule draws: a comment is a decision, zero bytes is an accident.
    let p = project();
    p.file(
        "migrations/expected_schema.toml",
        "# nothing is required yet\n",
    );
    p.schemagate(&["verify"]).status(0).run();
}

#[test]
fn snapshot_of_an_empty_project_writes_a_file_that_loads() {
    let p = Project::new();
    p.schemagate(&["snapshot"]).status(0).run();
    let text = std::fs::read_to_string(p.path().join("migrations/expected_schema.toml")).unwrap();
    assert!(!text.trim().is_empty(), "{text:?}");
    p.schemagate(&["verify"]).status(0).run();
    p.schemagate(&["check"]).status(0).run();
}
