//! The backup directory as schemagate sees it: the naming scheme of its dumps, listing them
//! newest first, and pruning old ones. Only files with the exact name pattern AND a sidecar
//! are schemagate's; anything else in the directory is never touched.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::BackupError;
use super::dump::{Sidecar, sidecar_path};

/// One backup found in the directory.
#[derive(Debug, Clone)]
pub struct BackupEntry {
    /// The `.dump` file.
    pub path: PathBuf,
    /// Database name from the file name.
    pub database: String,
    /// UTC timestamp from the file name, `YYYYMMDDTHHMMSSZ`.
    pub timestamp: String,
    /// Schema version it was taken at.
    pub version: i32,
    /// Size of the dump in bytes.
    pub size_bytes: u64,
    /// Time since it was taken (from the file's modification time).
    pub age: Option<std::time::Duration>,
    /// The sidecar, when present and readable.
    pub sidecar: Option<Sidecar>,
}

/// `{database}-{YYYYMMDDTHHMMSSZ}-v{version}.dump`.
pub(crate) fn backup_file_name(database: &str, at: time::OffsetDateTime, version: i32) -> String {
    let stamp = at
        .format(time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .expect("fixed format");
    format!("{}-{stamp}-v{version}.dump", file_name_part(database))
}

/// The database name as the file name holds it. PostgreSQL allows `/` in a name (`CREATE
/// DATABASE "app/staging"`), which made the backup path point into a directory that does not
/// exist (every deploy exited 7) or, with `..`, out of the backup directory; and a leading dot
/// would hide the dump among the `.part` files.
pub(crate) fn file_name_part(database: &str) -> String {
    let mut part = database.replace('/', "_");
    if part.starts_with('.') {
        part.replace_range(..1, "_");
    }
    part
}

/// Splits a schemagate file name into (database, timestamp, version).
pub(crate) fn parse_backup_file_name(name: &str) -> Option<(String, String, i32)> {
    let stem = name.strip_suffix(".dump")?;
    // A labelled backup (`-pre-restore`, taken by `restore`) is one of ours too.
    let stem = stem.strip_suffix("-pre-restore").unwrap_or(stem);
    let (rest, version) = stem.rsplit_once("-v")?;
    if version.is_empty() || !version.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let version: i32 = version.parse().ok()?;
    let (database, stamp) = rest.rsplit_once('-')?;
    let b = stamp.as_bytes();
    let stamp_ok = b.len() == 16
        && b[8] == b'T'
        && b[15] == b'Z'
        && b[..8].iter().chain(&b[9..15]).all(u8::is_ascii_digit);
    if database.is_empty() || !stamp_ok {
        return None;
    }
    Some((database.to_string(), stamp.to_string(), version))
}

/// Lists schemagate's backups in `dir`, newest first. A dump whose sidecar is missing is
/// still listed (someone may have copied only the dump); version and size then come from
/// the file name and the file. A missing directory is an empty list.
pub fn list_backups(dir: &Path) -> Result<Vec<BackupEntry>, BackupError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(BackupError::io(dir, "read backup directory", e)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| BackupError::io(dir, "read backup directory", e))?;
        let name = entry.file_name();
        let Some((database, timestamp, version)) = name.to_str().and_then(parse_backup_file_name)
        else {
            continue;
        };
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        let sidecar = std::fs::read(sidecar_path(&path))
            .ok()
            .and_then(|b| serde_json::from_slice::<Sidecar>(&b).ok());
        let age = meta
            .modified()
            .ok()
            .and_then(|m| SystemTime::now().duration_since(m).ok());
        found.push(BackupEntry {
            path,
            database,
            timestamp,
            version: sidecar
                .as_ref()
                .map(|s| s.schema_version)
                .unwrap_or(version),
            size_bytes: meta.len(),
            age,
            sidecar,
        });
    }
    found.sort_by(|a, b| {
        b.timestamp
            .cmp(&a.timestamp)
            .then_with(|| b.path.cmp(&a.path))
    });
    Ok(found)
}

/// Deletes all but the newest `keep` backups of the same database as `just_taken`, with their
/// sidecars, and returns the dumps deleted. Only files named by schemagate's pattern that also
/// have a sidecar count; `just_taken` is never deleted, even with `keep == 0`.
pub fn prune(dir: &Path, keep: usize, just_taken: &Path) -> Result<Vec<PathBuf>, BackupError> {
    let database = just_taken
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(parse_backup_file_name)
        .map(|(db, _, _)| db);
    let mut deleted = Vec::new();
    let ours: Vec<BackupEntry> = list_backups(dir)?
        .into_iter()
        .filter(|e| sidecar_path(&e.path).is_file())
        .filter(|e| database.as_deref().is_none_or(|db| db == e.database))
        .collect();
    for entry in ours.into_iter().skip(keep) {
        if same_file(&entry.path, just_taken) {
            continue;
        }
        std::fs::remove_file(&entry.path)
            .map_err(|e| BackupError::io(&entry.path, "delete old backup", e))?;
        let _ = std::fs::remove_file(sidecar_path(&entry.path));
        deleted.push(entry.path);
    }
    Ok(deleted)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b || a.file_name() == b.file_name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        let at = time::macros::datetime!(2026-11-22 13:40:05 UTC);
        let name = backup_file_name("my-app", at, 42);
        assert_eq!(name, "my-app-20261122T134005Z-v42.dump");
        assert_eq!(
            parse_backup_file_name(&name),
            Some(("my-app".into(), "20261122T134005Z".into(), 42))
        );
        // A database named with a slash or a leading dot still gets one visible file.
        assert_eq!(
            backup_file_name("app/../staging", at, 1),
            "app_.._staging-20261122T134005Z-v1.dump"
        );
        assert_eq!(
            backup_file_name(".hidden", at, 1),
            "_hidden-20261122T134005Z-v1.dump"
        );
        assert_eq!(parse_backup_file_name("notes.dump"), None);
        assert_eq!(parse_backup_file_name("db-20261122T134005Z-v.dump"), None);
        assert_eq!(
            parse_backup_file_name(".db-20261122T134005Z-v1.dump.part"),
            None
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn moment() -> impl Strategy<Value = time::OffsetDateTime> {
            // 1970 to 9999: four-digit years, as the name format has them.
            (0i64..253_402_300_799)
                .prop_map(|s| time::OffsetDateTime::from_unix_timestamp(s).unwrap())
        }

        /// What PostgreSQL allows in a database name: anything but NUL, 1 to 63 bytes.
        fn database() -> impl Strategy<Value = String> {
            prop_oneof![
                "[a-z_][a-z0-9_]{0,20}",
                "[a-z]{1,4}-v[0-9]{1,3}(-[0-9]{8}T[0-9]{6}Z)?",
                "[^\\x00]{1,20}",
            ]
            .prop_filter("1 to 63 bytes", |d| !d.is_empty() && d.len() <= 63)
        }

        proptest! {
            #[test]
            fn names_round_trip(database in database(), at in moment(), version in 0..=i32::MAX) {
                let name = backup_file_name(&database, at, version);
                // One file in the backup directory, whatever the database is called.
                prop_assert!(!name.contains('/') && !name.starts_with('.'), "{}", name);
                let (db, stamp, v) = parse_backup_file_name(&name).expect("parses back");
                prop_assert_eq!(db, file_name_part(&database));
                prop_assert_eq!(v, version);
                prop_assert_eq!(stamp.len(), 16);
                let middle = format!("-{stamp}-v");
                prop_assert!(name.contains(&middle));
            }

            #[test]
            fn parsing_never_panics(name in any::<String>()) {
                let _ = parse_backup_file_name(&name);
            }

            #[test]
            fn parsing_near_names_never_panics(
                name in "[a-z-]{0,4}-?[0-9T]{0,17}Z?(-v)?[0-9-]{0,11}(\\.dump)?"
            ) {
                if let Some((db, stamp, _)) = parse_backup_file_name(&name) {
                    prop_assert!(!db.is_empty() && stamp.len() == 16);
                }
            }
        }
    }
}
