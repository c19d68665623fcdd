//! Taking one backup: `pg_dump --format=custom` into a hidden `.part` file, fsync, validation
//! with `pg_restore --list`, then an atomic rename to the final name and a JSON sidecar. A
//! failure at any step removes the partial file, so nothing that looks valid is left behind.
//! A process killed outright cannot remove it: the `.part` is locked while it is written, and
//! the next backup removes the ones nobody holds.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::pg_tools::server_major;
use super::retention::{backup_file_name, file_name_part, parse_backup_file_name};
use super::scope::Scope;
use super::{BackupError, DumpTarget, ToolSearch};
use crate::report::Reporter;

/// What `take_backup` needs besides the connection.
#[derive(Debug, Clone)]
pub struct BackupOptions {
    /// Backup directory; created if missing.
    pub dir: PathBuf,
    /// Schema version before the run (the last applied migration), if any.
    pub from_version: Option<i32>,
    /// The server's `server_version_num` (e.g. 150004).
    pub server_version_num: u32,
    /// `pg_database_size` of the database, for the free-space check.
    pub database_size_bytes: Option<u64>,
    /// Where to report progress while dumping; `None` for a quiet backup.
    pub reporter: Option<Reporter>,
    /// Where to look for `pg_dump`/`pg_restore` (normally `ToolSearch::from_env()`).
    pub tools: ToolSearch,
    /// How long `pg_dump` waits for each table's lock (`--lock-wait-timeout`); `None` waits for
    /// ever, which is `pg_dump`'s default and never what a deploy wants.
    pub lock_wait_timeout: Option<Duration>,
    /// Every table's rows, or the whole schema and some tables' rows.
    pub scope: Scope,
}

/// A backup that was written and validated.
#[derive(Debug, Clone)]
pub struct BackupInfo {
    /// The final `.dump` file.
    pub path: PathBuf,
    /// Its JSON sidecar.
    pub sidecar: PathBuf,
    /// Size of the dump in bytes.
    pub size_bytes: u64,
    /// Time from starting pg_dump to the sidecar being written.
    pub duration: Duration,
    /// `pg_dump --version` of the tool used.
    pub pg_dump_version: String,
}

/// The JSON written beside each dump (`<dump>.json`).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Sidecar {
    /// Database name.
    pub database: String,
    /// The server's `server_version_num`.
    pub server_version: u32,
    /// Schema version the dump was taken at (0 when none was applied).
    pub schema_version: i32,
    /// Dump size in bytes.
    pub size_bytes: u64,
    /// How long the backup took.
    pub duration_ms: u64,
    /// `pg_dump --version`.
    pub pg_dump_version: String,
    /// RFC 3339 UTC time the dump was started.
    pub created_at: String,
    /// File name of the dump, relative to the sidecar.
    pub file: String,
    /// Only in a backup scoped to the tables the migrations could change
    /// (`backup_scope = "touched"`): those tables, whose rows it holds; the other tables' rows
    /// are not in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub touched_tables: Option<Vec<String>>,
}

/// A `pg_dump` custom-format archive compresses and leaves out index contents and free space,
/// so it is normally far smaller than `pg_database_size`. Only refuse when even a tenth of the
/// database cannot fit: a dump that runs out of space later still fails cleanly.
const CLEARLY_TOO_SMALL_DIVISOR: u64 = 10;

/// Takes a validated backup of `target` into `opts.dir` and returns where it is.
pub fn take_backup(target: &DumpTarget, opts: &BackupOptions) -> Result<BackupInfo, BackupError> {
    take_backup_labeled(target, opts, None)
}

/// [`take_backup`], with a label in the file name that says why it was taken
/// (`app-20260101T000000Z-v5-pre-restore.dump`); listed and pruned like the others.
pub fn take_backup_labeled(
    target: &DumpTarget,
    opts: &BackupOptions,
    label: Option<&'static str>,
) -> Result<BackupInfo, BackupError> {
    let started = Instant::now();
    let major = server_major(opts.server_version_num);
    let (pg_dump, pg_dump_version) = opts.tools.find_with_version("pg_dump", major)?;
    let pg_restore = opts.tools.find("pg_restore", major)?;

    std::fs::create_dir_all(&opts.dir)
        .map_err(|e| BackupError::io(&opts.dir, "create backup directory", e))?;
    // Before the free-space check: they take the space this dump needs.
    let abandoned = remove_abandoned_parts(&opts.dir, &target.dbname);
    if let (false, Some(out)) = (abandoned.is_empty(), opts.reporter) {
        out.info(&format!(
            "removed {} partial dump(s) left by a backup that did not finish",
            abandoned.len()
        ));
    }
    if let Some(db_size) = opts.database_size_bytes {
        ensure_free_space(&opts.dir, db_size)?;
    }

    let schema_version = opts.from_version.unwrap_or(0);
    let (name, now, part) = claim_name(&opts.dir, &target.dbname, schema_version, label)?;
    let final_path = opts.dir.join(&name);

    run_pg_dump(target, &pg_dump, &part.path, opts)?;
    sync_file(&part.path)?;
    sync_dir(&opts.dir)?;
    validate_archive(target, &pg_restore, &part.path)?;

    publish(&part.path, &final_path)?;
    let mut finished = FinalFiles {
        dump: final_path.clone(),
        sidecar: None,
        keep: false,
    };
    drop(part);
    std::fs::set_permissions(&final_path, std::fs::Permissions::from_mode(0o600))
        .map_err(|e| BackupError::io(&final_path, "set permissions on", e))?;
    let size_bytes = std::fs::metadata(&final_path)
        .map_err(|e| BackupError::io(&final_path, "read", e))?
        .len();
    let duration = started.elapsed();
    let sidecar = Sidecar {
        database: target.dbname.clone(),
        server_version: opts.server_version_num,
        schema_version,
        size_bytes,
        duration_ms: duration.as_millis() as u64,
        pg_dump_version: pg_dump_version.clone(),
        created_at: now
            .format(&time::format_description::well_known::Rfc3339)
            .unwrap_or_default(),
        file: name,
        touched_tables: match &opts.scope {
            Scope::Touched { tables, .. } => Some(tables.clone()),
            Scope::Full { .. } => None,
        },
    };
    let sidecar_file = sidecar_path(&final_path);
    write_sidecar(&sidecar_file, &sidecar)?;
    finished.sidecar = Some(sidecar_file.clone());
    sync_dir(&opts.dir)?;
    let info = BackupInfo {
        path: finished.dump.clone(),
        sidecar: sidecar_file,
        size_bytes,
        duration,
        pg_dump_version,
    };
    finished.keep();
    Ok(info)
}

/// [`take_backup`], again while `pg_dump` could not get a connection (the server's
/// `max_connections` reached, a pooler's pool full) until `wait` has passed since the first
/// try: replicas waiting for the lock let go of theirs between polls, so a slot comes free.
/// `retrying` hears the refusal before each pause.
pub fn take_backup_within(
    target: &DumpTarget,
    opts: &BackupOptions,
    wait: Duration,
    retrying: impl Fn(&str),
) -> Result<BackupInfo, BackupError> {
    let start = Instant::now();
    let mut delay = Duration::from_millis(200);
    loop {
        match take_backup(target, opts) {
            Err(BackupError::Failed { stderr_tail, .. })
                if is_connection_refused(&stderr_tail) && start.elapsed() < wait =>
            {
                let line = stderr_tail.lines().last().unwrap_or_default().to_string();
                retrying(&line);
                std::thread::sleep(delay.min(wait.saturating_sub(start.elapsed())));
                delay = (delay * 2).min(Duration::from_secs(2));
            }
            other => return other,
        }
    }
}

/// Whether pg_dump's output says it found no free connection: SQLSTATE 53300 ("sorry, too
/// many clients already", "remaining connection slots are reserved", a role's CONNECTION
/// LIMIT) or a pooler's full pool.
fn is_connection_refused(stderr: &str) -> bool {
    let lower = stderr.to_lowercase();
    [
        "too many clients",
        "remaining connection slots are reserved",
        "too many connections for role",
    ]
    .iter()
    .any(|m| lower.contains(m))
        || crate::pooler::said::is_transient_text(&lower)
}

/// How many seconds `claim_name` tries before giving up. Names carry the second, so a second
/// backup of the same database at the same version within one second (a deploy restarted at
/// once by Railway's ON_FAILURE policy) needs the next second's name.
const NAME_ATTEMPTS: u32 = 3;

/// Picks `{database}-{timestamp}-v{version}.dump` for a new backup and claims its `.part`:
/// created 0600 before pg_dump writes, so the dump is never readable by others, and locked
/// until we are done (the kernel drops the lock if we die). When that name is taken by a
/// published dump or by a backup still writing it, waits for the next second rather than
/// changing the documented name format. A name whose sidecar exists (a file schemagate did
/// not write, or a dump someone removed) is taken too: that file is never overwritten.
fn claim_name(
    dir: &Path,
    database: &str,
    version: i32,
    label: Option<&str>,
) -> Result<(String, time::OffsetDateTime, PartFile), BackupError> {
    let mut attempt = 1;
    loop {
        let now = time::OffsetDateTime::now_utc();
        let mut name = backup_file_name(database, now, version);
        if let Some(label) = label {
            name = name.replace(".dump", &format!("-{label}.dump"));
        }
        let part_path = dir.join(format!(".{name}.part"));
        let taken = dir.join(&name).exists() || sidecar_path(&dir.join(&name)).exists();
        if !taken {
            let claim = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .mode(0o600)
                .open(&part_path)
                .map_err(|e| BackupError::io(&part_path, "create backup file", e))?;
            if claim.try_lock().is_ok() {
                claim
                    .set_len(0)
                    .map_err(|e| BackupError::io(&part_path, "create backup file", e))?;
                let part = PartFile {
                    path: part_path,
                    _claim: claim,
                };
                return Ok((name, now, part));
            }
        }
        if attempt == NAME_ATTEMPTS {
            return Err(BackupError::io(
                dir.join(&name),
                "create backup",
                std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "a backup with this name already exists, and so did the next ones",
                ),
            ));
        }
        attempt += 1;
        let into_second = Duration::from_nanos(u64::from(now.nanosecond()));
        std::thread::sleep(Duration::from_secs(1).saturating_sub(into_second));
    }
}

/// Gives the validated `.part` its final name without ever replacing an existing backup:
/// `hard_link` fails when the target exists, unlike `rename`. File systems without hard links
/// (some network mounts) fall back to a checked rename; the `.part` is removed by its guard.
fn publish(part: &Path, final_path: &Path) -> Result<(), BackupError> {
    match std::fs::hard_link(part, final_path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(BackupError::io(final_path, "rename backup to", e))
        }
        Err(_) if !final_path.exists() => std::fs::rename(part, final_path)
            .map_err(|e| BackupError::io(final_path, "rename backup to", e)),
        Err(e) => Err(BackupError::io(final_path, "rename backup to", e)),
    }
}

/// `<dump>.json`.
pub fn sidecar_path(dump: &Path) -> PathBuf {
    let mut s = dump.as_os_str().to_owned();
    s.push(".json");
    PathBuf::from(s)
}

/// The hidden partial dump, locked while it exists and removed on drop (success included: by
/// then it is hard-linked).
struct PartFile {
    path: PathBuf,
    /// Open and locked, held only for that lock: a `.part` whose lock is free belongs to no
    /// running backup.
    _claim: std::fs::File,
}

/// Remove the partial dumps of `database` in `dir` that no running backup holds: a backup
/// killed outright (SIGKILL, OOM, a lost container) leaves its `.part`, and a deploy that keeps
/// being killed would fill the disk with them. Returns the files removed.
///
/// Accepted risk: between a backup creating its `.part` and locking it (two system calls) the
/// file looks abandoned. Removing it then makes that backup fail validation (exit 7, nothing
/// applied), never publish a bad file.
fn remove_abandoned_parts(dir: &Path, database: &str) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(dump_name) = name
            .to_str()
            .and_then(|n| n.strip_prefix('.'))
            .and_then(|n| n.strip_suffix(".part"))
        else {
            continue;
        };
        if parse_backup_file_name(dump_name).is_none_or(|(db, _, _)| db != file_name_part(database))
        {
            continue;
        }
        let path = entry.path();
        let Ok(file) = std::fs::OpenOptions::new().write(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() && std::fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed
}

impl Drop for PartFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The final dump and the sidecar this backup wrote (only once it did: a file of that name
/// that was there before is not ours), removed on drop unless the backup completed.
struct FinalFiles {
    dump: PathBuf,
    sidecar: Option<PathBuf>,
    keep: bool,
}

impl FinalFiles {
    fn keep(mut self) {
        self.keep = true;
    }
}

impl Drop for FinalFiles {
    fn drop(&mut self) {
        if !self.keep {
            let _ = std::fs::remove_file(&self.dump);
            if let Some(sidecar) = &self.sidecar {
                let _ = std::fs::remove_file(sidecar);
            }
        }
    }
}

fn ensure_free_space(dir: &Path, db_size: u64) -> Result<(), BackupError> {
    let available = free_space(dir)?;
    let needed = db_size / CLEARLY_TOO_SMALL_DIVISOR;
    if available < needed {
        return Err(BackupError::NotEnoughSpace {
            dir: dir.to_path_buf(),
            needed,
            available,
        });
    }
    Ok(())
}

fn free_space(dir: &Path) -> Result<u64, BackupError> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(dir.as_os_str().as_bytes()).map_err(|_| {
        BackupError::io(
            dir,
            "check free space in",
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        )
    })?;
    let mut stat: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: c_path is a valid NUL-terminated string and stat a properly sized out-parameter.
    let rc = unsafe { libc::statvfs(c_path.as_ptr(), &mut stat) };
    if rc != 0 {
        return Err(BackupError::io(
            dir,
            "check free space in",
            std::io::Error::last_os_error(),
        ));
    }
    Ok(stat.f_bavail as u64 * stat.f_frsize as u64)
}

const STDERR_TAIL_LINES: usize = 20;

fn run_pg_dump(
    target: &DumpTarget,
    pg_dump: &Path,
    part: &Path,
    opts: &BackupOptions,
) -> Result<(), BackupError> {
    let reporter = opts.reporter;
    let mut args: Vec<std::ffi::OsString> = vec![
        "--format=custom".into(),
        "--file".into(),
        part.as_os_str().to_owned(),
    ];
    if reporter.is_some() {
        args.push("--verbose".into());
    }
    if let Some(wait) = opts.lock_wait_timeout.filter(|w| !w.is_zero()) {
        args.push(format!("--lock-wait-timeout={}", wait.as_millis()).into());
    }
    if let Scope::Touched { excluded, .. } = &opts.scope {
        for table in excluded {
            args.push(format!("--exclude-table-data={table}").into());
        }
    }
    let (cmd, _passfile) = target.command(pg_dump, args)?;
    let command = pg_dump.display().to_string();
    let reader = cmd
        .stdin_null()
        .stderr_to_stdout()
        .unchecked()
        .reader()
        .map_err(|source| BackupError::Spawn {
            command: command.clone(),
            source,
        })?;
    let tracked = crate::interrupt::track(reader.pids());
    let mut tail: std::collections::VecDeque<String> = Default::default();
    let mut meter = Progress::new(reporter, part);
    let mut lines = BufReader::new(&reader);
    let mut line = Vec::new();
    loop {
        line.clear();
        match lines.read_until(b'\n', &mut line) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => return Err(BackupError::Spawn { command, source: e }),
        }
        let text = String::from_utf8_lossy(&line).trim_end().to_string();
        if text.contains("dumping contents of table") {
            meter.table_done();
            continue;
        }
        if is_verbose_chatter(&text) {
            continue;
        }
        if tail.len() == STDERR_TAIL_LINES {
            tail.pop_front();
        }
        tail.push_back(text);
    }
    meter.finish();
    drop(tracked);
    let output = reader
        .try_wait()
        .map_err(|source| BackupError::Spawn {
            command: command.clone(),
            source,
        })?
        .cloned();
    match output {
        Some(out) if out.status.success() => Ok(()),
        Some(out) => {
            let stderr_tail = tail.into_iter().collect::<Vec<_>>().join("\n");
            // pg_dump names the table it could not lock in the query it quotes.
            if let (Some(tables), Some(waited)) =
                (locked_tables(&stderr_tail), opts.lock_wait_timeout)
            {
                return Err(BackupError::TableLocked { tables, waited });
            }
            Err(BackupError::Failed {
                command,
                status: out.status.to_string(),
                stderr_tail,
            })
        }
        None => Err(BackupError::Failed {
            command,
            status: "did not exit".into(),
            stderr_tail: tail.into_iter().collect::<Vec<_>>().join("\n"),
        }),
    }
}

/// The tables in pg_dump's "Query was: LOCK TABLE public.t IN ACCESS SHARE MODE" after its
/// `--lock-wait-timeout` ran out (it sets a statement timeout around the LOCK), if that is how
/// it failed. pg_dump 17 and later lock every table in one statement, so this is the list the
/// blocked table is among.
fn locked_tables(stderr: &str) -> Option<Vec<String>> {
    if !stderr.contains("timeout") {
        return None;
    }
    let query = stderr.split("LOCK TABLE ").nth(1)?;
    let list = query.split(" IN ").next()?;
    let tables: Vec<String> = list
        .split(", ")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect();
    (!tables.is_empty()).then_some(tables)
}

/// `--verbose` lines that report progress rather than trouble.
fn is_verbose_chatter(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("pg_dump: ") else {
        return false;
    };
    !(rest.starts_with("error")
        || rest.starts_with("warning")
        || rest.starts_with("detail")
        || rest.starts_with("hint"))
}

/// Progress on stderr: an updating line on a terminal, a line every few seconds otherwise.
struct Progress<'a> {
    out: Option<Reporter>,
    terminal: bool,
    part: &'a Path,
    tables: u64,
    started: Instant,
    last: Instant,
}

const PROGRESS_INTERVAL: Duration = Duration::from_secs(5);

impl<'a> Progress<'a> {
    fn new(out: Option<Reporter>, part: &'a Path) -> Self {
        use std::io::IsTerminal;
        let now = Instant::now();
        Progress {
            out,
            terminal: std::io::stderr().is_terminal(),
            part,
            tables: 0,
            started: now,
            last: now,
        }
    }

    fn table_done(&mut self) {
        self.tables += 1;
        let Some(out) = self.out else {
            return;
        };
        let bytes = std::fs::metadata(self.part).map(|m| m.len()).unwrap_or(0);
        if self.terminal {
            out.raw_progress(&format!(
                "\rbackup: {} tables dumped, {} written",
                self.tables,
                human_bytes(bytes)
            ));
        } else if self.last.elapsed() >= PROGRESS_INTERVAL {
            self.last = Instant::now();
            out.info(&format!(
                "backup: {} tables dumped, {} written, {}s",
                self.tables,
                human_bytes(bytes),
                self.started.elapsed().as_secs()
            ));
        }
    }

    fn finish(&self) {
        if let (Some(out), true) = (self.out, self.terminal && self.tables > 0) {
            out.raw_progress("\n");
        }
    }
}

/// `1536` -> "1.5 KiB".
pub(crate) fn human_bytes(bytes: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < units.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", units[unit])
    }
}

fn sync_file(path: &Path) -> Result<(), BackupError> {
    std::fs::File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| BackupError::io(path, "fsync", e))
}

fn sync_dir(dir: &Path) -> Result<(), BackupError> {
    std::fs::File::open(dir)
        .and_then(|f| f.sync_all())
        .map_err(|e| BackupError::io(dir, "fsync directory", e))
}

/// `pg_restore --list` must succeed and show the archive header with at least one TOC entry;
/// a truncated custom-format archive fails here.
fn validate_archive(
    target: &DumpTarget,
    pg_restore: &Path,
    file: &Path,
) -> Result<(), BackupError> {
    let list = super::restore::read_list(target, pg_restore, file)?;
    let entries = list
        .lines()
        .find_map(|l| l.strip_prefix(";     TOC Entries: "))
        .and_then(|n| n.trim().parse::<u64>().ok());
    match entries {
        Some(n) if n > 0 => Ok(()),
        _ => Err(BackupError::Invalid {
            path: file.to_path_buf(),
            reason: "pg_restore --list shows no table of contents".into(),
        }),
    }
}

fn write_sidecar(path: &Path, sidecar: &Sidecar) -> Result<(), BackupError> {
    let json = serde_json::to_vec_pretty(sidecar).expect("sidecar serialises");
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| BackupError::io(path, "create sidecar", e))?;
    file.write_all(&json)
        .and_then(|_| file.write_all(b"\n"))
        .and_then(|_| file.sync_all())
        .map_err(|e| BackupError::io(path, "write sidecar", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_taken_in_the_same_second_moves_to_the_next_second() {
        let dir = tempfile::tempdir().unwrap();
        let (first, _, first_part) = claim_name(dir.path(), "app", 4, None).unwrap();
        // The first backup is still writing (its .part locked): the second must not share it.
        let (second, _, second_part) = claim_name(dir.path(), "app", 4, None).unwrap();
        assert_ne!(first, second);
        std::fs::write(dir.path().join(&second), b"published").unwrap();
        drop(second_part);
        // And a published dump of that name is never overwritten.
        let (third, _, _) = claim_name(dir.path(), "app", 4, None).unwrap();
        assert!(first < second && second < third, "{first} {second} {third}");
        for name in [&first, &second, &third] {
            assert!(parse_backup_file_name(name).is_some(), "{name}");
        }
        drop(first_part);
    }

    #[test]
    fn every_name_taken_is_an_error_that_leaves_no_partial_file() {
        let dir = tempfile::tempdir().unwrap();
        let now = time::OffsetDateTime::now_utc();
        // Published dumps under this second's name and the next ones: more than it will try.
        let taken: Vec<_> = (0..=NAME_ATTEMPTS + 1)
            .map(|s| {
                let name = backup_file_name("app", now + Duration::from_secs(s.into()), 4);
                std::fs::write(dir.path().join(&name), b"published").unwrap();
                name
            })
            .collect();
        let Err(error) = claim_name(dir.path(), "app", 4, None) else {
            panic!("a name was claimed although all were taken");
        };
        assert!(error.to_string().contains("already exists"), "{error}");
        let mut left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(left, taken, "no .part left, nothing removed or overwritten");
        for name in &taken {
            assert_eq!(std::fs::read(dir.path().join(name)).unwrap(), b"published");
        }
    }

    #[test]
    fn only_unlocked_partial_dumps_of_the_same_database_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str| {
            let path = dir.path().join(name);
            std::fs::write(&path, b"partial").unwrap();
            path
        };
        let abandoned = write(".app-20260101T000000Z-v1.dump.part");
        let running = write(".app-20260101T000001Z-v1.dump.part");
        let other_db = write(".other-20260101T000000Z-v1.dump.part");
        let not_ours = write(".notes.part");
        let published = write("app-20260101T000000Z-v0.dump");
        let held = std::fs::File::open(&running).unwrap();
        held.lock().unwrap();

        let removed = remove_abandoned_parts(dir.path(), "app");
        assert_eq!(removed, std::slice::from_ref(&abandoned));
        assert!(!abandoned.exists());
        for kept in [&running, &other_db, &not_ours, &published] {
            assert!(kept.exists(), "{}", kept.display());
        }
        drop(held);
        assert_eq!(remove_abandoned_parts(dir.path(), "app"), [running]);
    }
}
