//! The one error type of the backup stage: each way taking, validating, pruning, listing or
//! restoring a backup can fail, worded for the person at the terminal. The caller maps every
//! variant to exit code 7.

use std::path::{Path, PathBuf};

/// Why a backup or restore step failed. Messages are lowercase, name the command or path, put
/// the cause after a colon and end with a hint when the fix is known. None of them can carry
/// the database password: it never travels in argv, and stderr of the tools does not echo it.
#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    /// No `pg_dump`/`pg_restore` of a usable major version was found.
    #[error("{tool} for PostgreSQL {needed_major} or newer not found: {searched}\nhint: {hint}")]
    ToolNotFound {
        /// `pg_dump` or `pg_restore`.
        tool: String,
        /// The server's major version; the tool must be at least this.
        needed_major: u32,
        /// What was searched and what was found, for the message.
        searched: String,
        /// How to install a fitting client.
        hint: String,
    },
    /// The tool found is older than the server (only when a caller asked for one path).
    #[error(
        "{tool} at {path} is version {found_major}, older than the server ({needed_major}): it refuses newer servers\nhint: {hint}"
    )]
    ToolTooOld {
        /// `pg_dump` or `pg_restore`.
        tool: String,
        /// Where it was found.
        path: PathBuf,
        /// Its major version.
        found_major: u32,
        /// The server's major version.
        needed_major: u32,
        /// How to install a fitting client.
        hint: String,
    },
    /// The command could not be started at all (not executable, exec failed).
    #[error("could not start {command}: {source}")]
    Spawn {
        /// The program run, without arguments.
        command: String,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
    },
    /// The command ran and exited unsuccessfully.
    #[error("{command} ran and failed ({status}):\n{stderr_tail}")]
    Failed {
        /// The program run, without arguments.
        command: String,
        /// Its exit status, as printed by the standard library.
        status: String,
        /// The last lines it wrote to stderr.
        stderr_tail: String,
    },
    /// `pg_dump` could not lock a table within the deploy's `--lock-timeout`: another session
    /// holds a lock on it (an open transaction that altered it, a long `LOCK TABLE`).
    #[error(
        "pg_dump could not lock {} within {}: another session holds a conflicting lock on it\nhint: find the session in pg_stat_activity (pg_locks shows who holds it), end it, or raise --lock-timeout",
        locked_what(tables),
        crate::text::duration(*waited)
    )]
    TableLocked {
        /// The table, as pg_dump named it; or the tables it locked at once, one of which waited.
        tables: Vec<String>,
        /// How long pg_dump waited.
        waited: std::time::Duration,
    },
    /// A file system operation failed (permission denied and disk full surface here).
    #[error("could not {action} {path}: {source}{}", hint_line(.hint))]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// What was being done, as a verb phrase ("create backup directory").
        action: &'static str,
        /// The operating system's reason.
        #[source]
        source: std::io::Error,
        /// The way out, when the fix is known (permission denied: whose directory it is).
        hint: Option<String>,
    },
    /// The backup directory clearly cannot hold the dump.
    #[error(
        "not enough free space in {dir}: about {needed} bytes needed, {available} available\nhint: free space, mount a larger volume, or point --backup-dir elsewhere"
    )]
    NotEnoughSpace {
        /// The backup directory.
        dir: PathBuf,
        /// The estimated size of the dump.
        needed: u64,
        /// Free space available to this user.
        available: u64,
    },
    /// The object store refused or failed a request (missing bucket, wrong key, a connection
    /// cut off); `cause` is S3's code and message, never a credential.
    #[error("could not {action} {location}: {cause}{}", hint_line(.hint))]
    Store {
        /// What was being done ("upload", "list").
        action: &'static str,
        /// The `s3://` URL concerned.
        location: String,
        /// The store's reason.
        cause: String,
        /// The way out, when the fix is known.
        hint: Option<String>,
    },
    /// The object store client could not be set up from the `AWS_*` variables.
    #[error("cannot use {location}: {reason}")]
    StoreConfig {
        /// The `s3://` URL.
        location: String,
        /// What is wrong.
        reason: String,
    },
    /// A dump was written but did not validate, or a restore request does not fit the file.
    #[error("invalid backup {path}: {reason}")]
    Invalid {
        /// The file concerned.
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
}

fn locked_what(tables: &[String]) -> String {
    match tables {
        [one] => format!("table {one}"),
        many => format!("one of the tables {}", many.join(", ")),
    }
}

impl BackupError {
    pub(crate) fn io(
        path: impl Into<PathBuf>,
        action: &'static str,
        source: std::io::Error,
    ) -> Self {
        let path = path.into();
        let hint = match source.kind() {
            std::io::ErrorKind::PermissionDenied => permission_hint(&path),
            _ => None,
        };
        BackupError::Io {
            path,
            action,
            source,
            hint,
        }
    }
}

fn hint_line(hint: &Option<String>) -> String {
    hint.as_ref()
        .map(|h| format!("\nhint: {h}"))
        .unwrap_or_default()
}

/// Who owns the directory that refused us, when it is not this process's user. The usual case:
/// Railway mounts a volume owned by root, and an image that runs as another user (ours is
/// 10001) cannot create the backup directory on it; Railway's volume documentation names
/// `RAILWAY_RUN_UID=0` as the way out.
fn permission_hint(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let dir = path.ancestors().find(|p| p.is_dir())?;
    let owner = std::fs::metadata(dir).ok()?.uid();
    // SAFETY: geteuid has no preconditions and cannot fail.
    let me = unsafe { libc::geteuid() };
    if owner == me {
        return None;
    }
    Some(format!(
        "{dir} is owned by uid {owner} and schemagate runs as uid {me}: make it writable for \
         uid {me} (chown {me} {dir}), or run as its owner (on Railway, whose volumes are \
         mounted as root: RAILWAY_RUN_UID=0), or point --backup-dir elsewhere",
        dir = dir.display()
    ))
}
