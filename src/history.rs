//! The history table (`refinery_schema_history`) and how it must agree with the files.
//!
//! The table is refinery's, column for column, so a project moves between refinery and
//! schemagate freely. [`plan`] compares it with the loaded files and returns what is pending,
//! or every disagreement at once: edited, missing, out-of-order, misnamed and duplicate files.

use std::fmt;

use tokio_postgres::error::SqlState;
use tokio_postgres::{Client, GenericClient};

use crate::error::{Error, Result};
use crate::migrations::Migration;

/// refinery's default history table.
pub const HISTORY_TABLE: &str = "refinery_schema_history";

/// One row of the history table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Applied {
    pub version: i32,
    pub name: String,
    pub applied_on: String,
    pub checksum: u64,
}

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

/// refinery's own definition of the history table.
const HISTORY_COLUMNS: &str = "(version int4 PRIMARY KEY, name VARCHAR(255), \
     applied_on VARCHAR(255), checksum VARCHAR(255))";

/// Create the history table if none is visible on the `search_path`.
pub async fn ensure_table(
    client: &impl GenericClient,
) -> std::result::Result<(), tokio_postgres::Error> {
    client
        .batch_execute(&create_unless_visible_sql(HISTORY_TABLE, HISTORY_COLUMNS))
        .await
}

/// `CREATE TABLE name columns`, run only when no table of that name is visible on the
/// `search_path`. `CREATE TABLE IF NOT EXISTS` looks only in the schema it would create in (the
/// first one of the `search_path` that exists), so once a migration created the schema named
/// first, it made a second, empty history there, and the next deploy applied everything again.
pub fn create_unless_visible_sql(name: &str, columns: &str) -> String {
    format!(
        "DO $schemagate$ BEGIN IF to_regclass('{name}') IS NULL THEN \
         CREATE TABLE {name} {columns}; END IF; END $schemagate$"
    )
}

/// The history table's schema-qualified name: the one visible on the `search_path`, or where a
/// new one would be created. refinery is given this name, since its own `CREATE TABLE IF NOT
/// EXISTS` would otherwise look in the wrong schema (see [`create_unless_visible_sql`]). With no
/// schema to create in, the bare name: PostgreSQL's own error then says so.
pub async fn qualified_table(
    client: &impl GenericClient,
) -> std::result::Result<String, tokio_postgres::Error> {
    let row = client
        .query_typed_one(
            &format!(
                "SELECT coalesce((SELECT format('%I.%I', n.nspname, c.relname) \
                   FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace \
                   WHERE c.oid = to_regclass('{HISTORY_TABLE}')), \
                 quote_ident(current_schema()) || '.{HISTORY_TABLE}', '{HISTORY_TABLE}')"
            ),
            &[],
        )
        .await?;
    Ok(row.get(0))
}

/// Record `migrations` as applied without running them (a baseline), in one transaction that
/// also creates the history table when it is missing. `schemagate baseline` and the adoption
/// of a database that Alembic migrated both go through here.
pub async fn record_as_applied(client: &mut Client, migrations: &[&Migration]) -> Result<()> {
    let tx = client
        .transaction()
        .await
        .map_err(|e| Error::database("starting a transaction", &e))?;
    ensure_table(&tx)
        .await
        .map_err(|e| Error::database("creating the history table", &e))?;
    let applied_on = crate::runs::now_rfc3339();
    for m in migrations {
        tx.execute(
            &format!(
                "INSERT INTO {HISTORY_TABLE} (version, name, applied_on, checksum) VALUES ($1, $2, $3, $4)"
            ),
            &[&m.version, &m.name, &applied_on, &m.checksum.to_string()],
        )
        .await
        .map_err(|e| Error::database("recording the baseline", &e))?;
    }
    tx.commit()
        .await
        .map_err(|e| Error::database("committing the baseline", &e))
}

/// Read the history; an absent table is an empty history.
pub async fn read(client: &impl GenericClient) -> Result<Vec<Applied>> {
    // One round trip: a missing table is an empty history. Callers run this outside any
    // transaction, where the error costs nothing.
    let rows = match client
        .query_typed(
            &format!(
                "SELECT version, name, applied_on, checksum FROM {HISTORY_TABLE} ORDER BY version"
            ),
            &[],
        )
        .await
    {
        Ok(rows) => rows,
        Err(e) if e.code() == Some(&SqlState::UNDEFINED_TABLE) => return Ok(Vec::new()),
        Err(e) => return Err(Error::database("reading the migration history", &e)),
    };
    rows.iter()
        .map(|r| {
            let version: i32 = r.get(0);
            let checksum: Option<String> = r.get(3);
            let checksum = checksum
                .as_deref()
                .unwrap_or("")
                .parse::<u64>()
                .map_err(|_| Error::History {
                    problems: vec![HistoryProblem::BadName {
                        file: format!("{HISTORY_TABLE} row for version {version}"),
                        cause: format!("checksum {checksum:?} is not a number"),
                    }],
                })?;
            Ok(Applied {
                version,
                name: r.get::<_, Option<String>>(1).unwrap_or_default(),
                applied_on: r.get::<_, Option<String>>(2).unwrap_or_default(),
                checksum,
            })
        })
        .collect()
}

/// The files still to apply, in order, or every disagreement with the history.
pub fn plan<'m>(files: &'m [Migration], applied: &[Applied]) -> Result<Vec<&'m Migration>> {
    let mut problems = Vec::new();
    for row in applied {
        match files.iter().find(|m| m.version == row.version) {
            None => problems.push(HistoryProblem::Missing {
                version: row.version,
                name: row.name.clone(),
                applied_on: row.applied_on.clone(),
            }),
            Some(m) if m.name != row.name => problems.push(HistoryProblem::Renamed {
                version: row.version,
                recorded_name: row.name.clone(),
                file: m.file_name.clone(),
            }),
            Some(m) if !m.matches_checksum(row.checksum) => problems.push(HistoryProblem::Edited {
                file: m.file_name.clone(),
                applied_on: row.applied_on.clone(),
                recorded: row.checksum,
                on_disk: m.checksum,
            }),
            Some(_) => {}
        }
    }
    let newest = applied.iter().map(|a| a.version).max();
    let mut pending = Vec::new();
    for m in files {
        if applied.iter().any(|a| a.version == m.version) {
            continue;
        }
        match newest {
            Some(n) if m.version < n => problems.push(HistoryProblem::OutOfOrder {
                file: m.file_name.clone(),
                newest_applied: n,
            }),
            _ => pending.push(m),
        }
    }
    if problems.is_empty() {
        Ok(pending)
    } else {
        Err(Error::History { problems })
    }
}
