//! What can be wrong between the migration files and the history table (exit 5), each with
//! its message and, where one is known, the fix. Plain data: the history stage finds them, the
//! error renders them, `status --json` serializes them.

use std::fmt;

/// Everything that can be wrong between the files and the history (exit 5).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HistoryProblem {
    /// A file name that does not follow `V{version}__{name}.sql`.
    BadName { file: String, cause: String },
    /// Two files with one version.
    Duplicate { version: i32, files: Vec<String> },
    /// An applied migration whose file changed afterwards.
    Edited {
        file: String,
        applied_on: String,
        recorded: u64,
        on_disk: u64,
    },
    /// Same version, another name.
    Renamed {
        version: i32,
        recorded_name: String,
        file: String,
    },
    /// Applied, but its file is gone.
    Missing {
        version: i32,
        name: String,
        applied_on: String,
    },
    /// A new file numbered below the newest applied version.
    OutOfOrder { file: String, newest_applied: i32 },
    /// A no-transaction migration that failed part-way in an earlier run.
    Unfinished { file: String, message: String },
    /// Alembic's version table names a revision that `alembic_revisions.toml` does not list.
    UnknownAlembicRevision { revision: String, mapping: String },
    /// Alembic's version table, the mapping and the files do not agree on what is applied.
    AlembicNotAdoptable {
        revisions: Vec<String>,
        cause: String,
    },
}

impl HistoryProblem {
    /// The fix, when there is one to suggest.
    pub fn hint(&self) -> Option<&'static str> {
        match self {
            HistoryProblem::Edited { .. } | HistoryProblem::Renamed { .. } => Some(
                "put the applied file back as it was and add a new migration; if the edit is intended, run `schemagate repair`",
            ),
            HistoryProblem::Missing { .. } => {
                Some("restore the file from version control: applied migrations must stay")
            }
            HistoryProblem::OutOfOrder { .. } => Some(
                "renumber the new file above the newest applied version (`schemagate new NAME` picks the number)",
            ),
            HistoryProblem::Duplicate { .. } => Some("give each migration its own version"),
            HistoryProblem::BadName { .. } => None,
            HistoryProblem::Unfinished { .. } => Some(
                "look at the database, then fix forward with a new migration, or run `schemagate repair` to retry it",
            ),
            HistoryProblem::UnknownAlembicRevision { .. } => Some(
                "the database ran an Alembic revision these files do not have (another branch, or one added after the conversion): run scripts/alembic-to-sql --force from a checkout that has it, or move the database to a listed revision with Alembic",
            ),
            HistoryProblem::AlembicNotAdoptable { .. } => Some(
                "bring the database to the Alembic head first (`alembic upgrade heads`), or run scripts/alembic-to-sql --force again so the files and the mapping agree",
            ),
        }
    }
}

impl fmt::Display for HistoryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HistoryProblem::BadName { file, cause } => {
                write!(f, "{file}: bad migration name: {cause}")
            }
            HistoryProblem::Duplicate { version, files } => {
                write!(
                    f,
                    "version {version} is used by more than one file: {}",
                    files.join(", ")
                )
            }
            HistoryProblem::Edited {
                file,
                applied_on,
                recorded,
                on_disk,
            } => write!(
                f,
                "{file}: edited after it was applied on {applied_on} (checksum {recorded} in the history, {on_disk} on disk)"
            ),
            HistoryProblem::Renamed {
                version,
                recorded_name,
                file,
            } => write!(
                f,
                "{file}: version {version} was applied under the name {recorded_name:?}"
            ),
            HistoryProblem::Missing {
                version,
                name,
                applied_on,
            } => write!(
                f,
                "V{version}__{name}.sql: applied on {applied_on} but the file is missing"
            ),
            HistoryProblem::OutOfOrder {
                file,
                newest_applied,
            } => write!(
                f,
                "{file}: not applied, but its version is below the newest applied version {newest_applied}"
            ),
            HistoryProblem::Unfinished { file, message } => {
                write!(
                    f,
                    "{file}: a no-transaction migration failed part-way in an earlier run: {message}"
                )
            }
            HistoryProblem::UnknownAlembicRevision { revision, mapping } => write!(
                f,
                "Alembic revision {revision}: the database was migrated by Alembic to this revision, and {mapping} does not list it"
            ),
            HistoryProblem::AlembicNotAdoptable { revisions, cause } => write!(
                f,
                "Alembic revision {}: cannot adopt the database: {cause}",
                revisions.join(", ")
            ),
        }
    }
}
