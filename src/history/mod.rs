//! The history table (`refinery_schema_history`) and how it must agree with the files.
//!
//! The table is refinery's, so a project moves between refinery and schemagate freely, with one
//! column more that refinery never reads: [`STATEMENTS_COLUMN`], the checksum of each file's
//! statements without comments and whitespace. [`pending`] compares the history with the loaded
//! files and returns what is pending, or every disagreement at once: edited, missing,
//! out-of-order, misnamed and duplicate files. A file whose refinery checksum changed but whose
//! statements did not is not edited; [`refresh_checksums`] records its new refinery checksum.

use tokio_postgres::error::SqlState;
use tokio_postgres::{Client, GenericClient};

use crate::error::{Error, Result};
use crate::migrations::Migration;
use crate::report::Reporter;

pub mod problem;

pub use problem::HistoryProblem;

/// refinery's default history table.
pub const HISTORY_TABLE: &str = "refinery_schema_history";

/// The column schemagate adds to refinery's table: [`Migration::statements_checksum`] of the
/// file when it was applied. refinery names its columns in every statement, so it neither reads
/// nor minds this one; rows refinery writes have none, and the next deploy fills them in.
pub const STATEMENTS_COLUMN: &str = "schemagate_statements_checksum";

/// One row of the history table.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Applied {
    pub version: i32,
    pub name: String,
    pub applied_on: String,
    pub checksum: u64,
    /// The statement checksum, when the row has one (not in rows refinery wrote, nor in a
    /// database schemagate recorded before it kept them).
    #[serde(skip)]
    pub statements: Option<u64>,
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
pub async fn record_as_applied(
    client: &mut Client,
    migrations: &[&Migration],
    out: &Reporter,
) -> Result<()> {
    let tx = client
        .transaction()
        .await
        .map_err(|e| Error::database("starting a transaction", &e))?;
    ensure_table(&tx)
        .await
        .map_err(|e| Error::database("creating the history table", &e))?;
    let applied_on = crate::text::now_rfc3339();
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
    record_statements(&tx, HISTORY_TABLE, migrations, Within::Transaction, out)
        .await
        .map_err(|e| Error::database("recording the baseline", &e))?;
    tx.commit()
        .await
        .map_err(|e| Error::database("committing the baseline", &e))
}

/// Write [`Migration::statements_checksum`] of each of `migrations` into its history row,
/// adding [`STATEMENTS_COLUMN`] first when the table has none (a table refinery made, or one
/// from before schemagate kept the column). The rows must exist. One round trip: every value
/// is a number, written into the text. `table` is the history table as SQL: [`HISTORY_TABLE`],
/// or [`qualified_table`]'s answer inside the migration transaction, where a migration may
/// have changed the `search_path`.
///
/// Only a convenience for later deploys, so a failure here (a role that may write the history
/// but not alter a table another role owns) is a warning, never the deploy's failure: inside a
/// transaction the statements run behind a savepoint, rolled back to on failure. The error
/// returned is only that rollback's, when the transaction is lost anyway.
pub async fn record_statements(
    client: &impl GenericClient,
    table: &str,
    migrations: &[&Migration],
    within: Within,
    out: &Reporter,
) -> std::result::Result<(), tokio_postgres::Error> {
    if migrations.is_empty() {
        return Ok(());
    }
    let sql = statements_sql(table, migrations);
    let result = match within {
        Within::Transaction => client
            .batch_execute(&format!(
                "SAVEPOINT schemagate_statements; {sql}; RELEASE SAVEPOINT schemagate_statements"
            ))
            .await,
        Within::Autocommit => client.batch_execute(&sql).await,
    };
    let Err(e) = result else {
        return Ok(());
    };
    if within == Within::Transaction {
        client
            .batch_execute("ROLLBACK TO SAVEPOINT schemagate_statements")
            .await?;
    }
    let names: Vec<String> = migrations.iter().map(|m| m.file_name.clone()).collect();
    out.warn(&format!(
        "could not record the statement checksums of {} in {table}: {}; a later change to their comments only will count as an edit",
        crate::text::names(&names),
        crate::pg_error::describe(&e)
    ));
    Ok(())
}

/// Whether [`record_statements`] runs inside a transaction (behind a savepoint) or on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Within {
    Transaction,
    Autocommit,
}

/// The column, if missing, and the values: one text of statements.
fn statements_sql(table: &str, migrations: &[&Migration]) -> String {
    let values: Vec<String> = migrations
        .iter()
        .map(|m| format!("({}, '{}')", m.version, m.statements_checksum()))
        .collect();
    format!(
        "DO $schemagate$ BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute \
               WHERE attrelid = to_regclass('{literal}') AND attname = '{STATEMENTS_COLUMN}' \
               AND NOT attisdropped) THEN \
               ALTER TABLE {table} ADD COLUMN {STATEMENTS_COLUMN} VARCHAR(255); END IF; END $schemagate$; \
             UPDATE {table} h SET {STATEMENTS_COLUMN} = v.sum FROM (VALUES {}) AS v(version, sum) \
               WHERE h.version = v.version",
        values.join(", "),
        literal = table.replace('\'', "''"),
    )
}

/// Bring the history in step with files that changed only in comments or whitespace: record
/// their refinery checksum (saying so, once), and fill in the statement checksum of rows that
/// have none and whose file is unchanged, so that a later comment-only edit is known as one.
/// Nothing is written when there is nothing to do: the every-deploy path stays a read.
pub async fn refresh_checksums(
    client: &mut Client,
    files: &[Migration],
    applied: &[Applied],
    out: &Reporter,
) -> Result<()> {
    let (comment_only, unrecorded) = classify(files, applied);
    if comment_only.is_empty() && unrecorded.is_empty() {
        return Ok(());
    }
    let failed = |e: tokio_postgres::Error| Error::database("updating the history's checksums", &e);
    let tx = client.transaction().await.map_err(failed)?;
    for m in &comment_only {
        tx.execute(
            &format!("UPDATE {HISTORY_TABLE} SET checksum = $2 WHERE version = $1"),
            &[&m.version, &m.checksum.to_string()],
        )
        .await
        .map_err(failed)?;
    }
    record_statements(&tx, HISTORY_TABLE, &unrecorded, Within::Transaction, out)
        .await
        .map_err(failed)?;
    tx.commit().await.map_err(failed)?;
    if let Some(line) = comment_only_line(&comment_only, "its recorded checksum was updated") {
        out.info(&line);
    }
    Ok(())
}

/// What `plan` and `deploy --dry-run` say about files [`refresh_checksums`] would record.
pub fn say_comment_only_edits(files: &[Migration], applied: &[Applied], out: &Reporter) {
    let (comment_only, _) = classify(files, applied);
    if let Some(line) = comment_only_line(&comment_only, "a deploy records its new checksum") {
        out.info(&line);
    }
}

/// The applied files that changed only in comments or whitespace, and the unchanged ones whose
/// row has no statement checksum yet.
fn classify<'m>(
    files: &'m [Migration],
    applied: &[Applied],
) -> (Vec<&'m Migration>, Vec<&'m Migration>) {
    let mut comment_only = Vec::new();
    let mut unrecorded = Vec::new();
    // Every deploy runs this over the whole history: a lookup by version, not a scan per row.
    let by_version: std::collections::HashMap<i32, &Migration> =
        files.iter().map(|m| (m.version, m)).collect();
    for row in applied {
        let Some(&m) = by_version.get(&row.version).filter(|m| m.name == row.name) else {
            continue;
        };
        if !m.matches_checksum(row.checksum) {
            if row.statements == Some(m.statements_checksum()) {
                comment_only.push(m);
            }
        } else if row.statements.is_none() {
            unrecorded.push(m);
        }
    }
    (comment_only, unrecorded)
}

/// One line however many files: re-running a converter that rewrote every header is one event.
/// `what` is said of one file ("its ..."), and in the plural of several.
fn comment_only_line(files: &[&Migration], what: &str) -> Option<String> {
    let names: Vec<String> = files.iter().map(|m| m.file_name.clone()).collect();
    match names.as_slice() {
        [] => None,
        [one] => Some(format!(
            "{one} changed only in comments or whitespace; {what}"
        )),
        _ => Some(format!(
            "{} changed only in comments or whitespace; {}",
            crate::text::names(&names),
            what.replace("its recorded checksum was", "their recorded checksums were")
                .replace("its new checksum", "their new checksums")
        )),
    }
}

/// Read the history; an absent table is an empty history.
pub async fn read(client: &impl GenericClient) -> Result<Vec<Applied>> {
    // One round trip: a missing table is an empty history. Callers run this outside any
    // transaction, where the error costs nothing. The statement checksums come from a second
    // statement in the same round trip, which fails on a table without the column (refinery's
    // own): reading them through `to_jsonb(h)` in the first cost 2 µs a row on every deploy.
    let history_sql =
        format!("SELECT version, name, applied_on, checksum FROM {HISTORY_TABLE} ORDER BY version");
    let statements_sql = format!(
        "SELECT version, {STATEMENTS_COLUMN} FROM {HISTORY_TABLE} WHERE {STATEMENTS_COLUMN} IS NOT NULL"
    );
    let (rows, statements) = tokio::join!(
        client.query_typed(&history_sql, &[]),
        client.query_typed(&statements_sql, &[])
    );
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) if e.code() == Some(&SqlState::UNDEFINED_TABLE) => return Ok(Vec::new()),
        Err(e) => return Err(Error::database("reading the migration history", &e)),
    };
    // A value that is not a number (written by hand) matches no file: the refinery checksum
    // alone decides, as before.
    let statements: std::collections::HashMap<i32, u64> = match statements {
        Ok(rows) => rows
            .iter()
            .filter_map(|r| Some((r.get(0), r.get::<_, &str>(1).parse().ok()?)))
            .collect(),
        Err(e) if e.code() == Some(&SqlState::UNDEFINED_COLUMN) => Default::default(),
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
                statements: statements.get(&version).copied(),
            })
        })
        .collect()
}

/// The files still to apply, in order, or every disagreement with the history.
pub fn pending<'m>(files: &'m [Migration], applied: &[Applied]) -> Result<Vec<&'m Migration>> {
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
            Some(m)
                if !m.matches_checksum(row.checksum)
                    && row.statements != Some(m.statements_checksum()) =>
            {
                problems.push(HistoryProblem::Edited {
                    file: m.file_name.clone(),
                    applied_on: row.applied_on.clone(),
                    recorded: row.checksum,
                    on_disk: m.checksum,
                })
            }
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
