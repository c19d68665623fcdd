//! `schemagate_runs`: one row per deploy attempt, successful or not.
//!
//! The row is written after the migration transaction ended, in a transaction of its own, so
//! a rolled-back run is recorded too. Its commit is asynchronous: it is a log, and waiting for
//! its fsync would slow every no-op deploy for nothing.
//!
//! A successful run also keeps the key of its clean verification (see
//! [`crate::schema::fingerprint`]) and the warnings it printed, which the next run with nothing
//! pending may reuse. [`previous`] reads what the next run needs in one query.
//!
//! A run is written once, at its end, from what the stages returned. The one exception is the
//! marker written before a no-transaction migration ([`mark_unfinished`]): it must survive a
//! SIGKILL. The run's own start time and host identify its row, so the end of the run (or the
//! spine, after a signal) finds the marker in the database rather than in shared state.

use std::time::SystemTime;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio_postgres::Client;
use tokio_postgres::error::SqlState;
use tokio_postgres::types::Type;

use crate::report::Reporter;
pub use crate::schema::fingerprint::Verified;

/// The runs table.
pub const RUNS_TABLE: &str = "schemagate_runs";

/// What one deploy attempt did, as its row records it.
#[derive(Debug, Clone)]
pub struct Run {
    pub started: SystemTime,
    pub from_version: Option<i32>,
    pub to_version: Option<i32>,
    pub backup_file: Option<String>,
    /// `applied`, `nothing-pending`, or the failure's name.
    pub outcome: String,
    pub message: Option<String>,
    /// A no-transaction migration left half-applied by this run: the next deploy refuses.
    pub unfinished: Option<String>,
    /// The clean verification this run ended with, kept only when the run succeeded.
    pub verified: Option<Verified>,
}

/// What a run knows of the runs table when it writes its row. Creating the table goes through
/// a `DO` block, whose first use loads PL/pgSQL into the server process (about 1 ms, 10 under
/// load): only a run that has not seen the table pays for it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TableState {
    /// Not read, or unreadable: create it if it is missing.
    #[default]
    Unknown,
    /// Read by this run, with every column.
    Current,
    /// Read by this run and written by schemagate 0.1: the `verified_*` columns are missing.
    OldLayout,
}

/// What the last runs left for this one.
#[derive(Debug, Default)]
pub struct Previous {
    /// A no-transaction migration the last run left half-applied, with that run's message.
    pub unfinished: Option<(String, String)>,
    /// The newest clean verification.
    pub verified: Option<Verified>,
    /// What reading it showed of the table.
    pub table: TableState,
}

/// Created by the history's rule: only when none is visible (see
/// [`crate::history::create_unless_visible_sql`]).
fn create_table_sql() -> String {
    crate::history::create_unless_visible_sql(
        RUNS_TABLE,
        "(id bigserial PRIMARY KEY, started_at timestamptz NOT NULL, \
         finished_at timestamptz NOT NULL DEFAULT now(), host text, from_version int4, to_version int4, \
         backup_file text, outcome text NOT NULL, message text, unfinished text, \
         verified_key text, verified_warnings text)",
    )
}

/// Tables written by schemagate 0.1 lack the verification columns.
fn add_columns_sql() -> String {
    format!(
        "ALTER TABLE {RUNS_TABLE} ADD COLUMN IF NOT EXISTS verified_key text, \
         ADD COLUMN IF NOT EXISTS verified_warnings text"
    )
}

/// Before a no-transaction migration starts: write the run's row now, naming `file` as
/// unfinished, and commit it durably. If the process dies part-way (SIGKILL, OOM, a lost
/// container), this row is what makes the next deploy stop and say which file to check; the
/// run's final [`record`] replaces it.
pub async fn mark_unfinished(
    client: &Client,
    started: SystemTime,
    from_version: Option<i32>,
    backup_file: Option<&str>,
    file: &str,
) -> Result<(), tokio_postgres::Error> {
    let marker = Run {
        started,
        from_version,
        to_version: from_version,
        backup_file: backup_file.map(str::to_string),
        outcome: RUNNING.into(),
        message: Some(format!(
            "stopped while {file} ran outside the transaction: some of its statements may have run"
        )),
        unfinished: Some(file.to_string()),
        verified: None,
    };
    write(
        client,
        &marker,
        TableState::Unknown,
        Write::ReplaceMarker,
        true,
    )
    .await
}

/// The outcome of a marker row: the run is in a no-transaction migration.
const RUNNING: &str = "running";

/// The file this run marked unfinished and did not finish, if any: after a signal, the
/// database says where the run was.
pub async fn marked_unfinished(client: &Client, started: SystemTime) -> Option<String> {
    let sql = format!(
        "SELECT unfinished FROM {RUNS_TABLE} WHERE started_at = $1::text::timestamptz AND host = $2 \
         AND outcome = '{RUNNING}' ORDER BY id DESC LIMIT 1"
    );
    let row = client
        .query_typed_opt(
            &sql,
            &[(&rfc3339(started), Type::TEXT), (&hostname(), Type::TEXT)],
        )
        .await
        .ok()??;
    row.get(0)
}

/// Record `run`; a failure to record is reported, never fatal. `marked`: the run may have
/// written a marker ([`mark_unfinished`]), which this row replaces.
pub async fn record(client: &Client, run: &Run, table: TableState, marked: bool, out: &Reporter) {
    let how = if marked {
        Write::ReplaceMarker
    } else {
        Write::Insert
    };
    if let Err(e) = write(client, run, table, how, false).await {
        let _ = client.batch_execute("ROLLBACK").await;
        out.warn(&format!(
            "could not record the run in {RUNS_TABLE}: {}",
            crate::pg_error::describe(&e)
        ));
    }
}

/// How a row is written.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Write {
    /// A new row: the every-deploy path.
    Insert,
    /// The row of this run's marker if there is one, else a new row.
    ReplaceMarker,
}

fn rfc3339(at: SystemTime) -> String {
    OffsetDateTime::from(at)
        .format(&Rfc3339)
        .unwrap_or_default()
}

/// Write the run's row.
async fn write(
    client: &Client,
    run: &Run,
    table: TableState,
    how: Write,
    durable: bool,
) -> Result<(), tokio_postgres::Error> {
    let started = rfc3339(run.started);
    let host = hostname();
    // The final record commits without waiting for its fsync: losing the last log row in a
    // crash is acceptable; 15 ms on every deploy is not. A marker must survive the crash.
    let sync = if durable { "on" } else { "off" };
    let prepare = match table {
        TableState::Unknown => create_table_sql(),
        TableState::Current => String::new(),
        TableState::OldLayout => add_columns_sql(),
    };
    let begin = format!("BEGIN; SET LOCAL synchronous_commit = {sync}; {prepare}");
    let verified_key = run.verified.as_ref().map(|v| v.key.as_str());
    let verified_warnings = run.verified.as_ref().map(|v| v.warnings.join("\n"));
    let params: Vec<(&(dyn tokio_postgres::types::ToSql + Sync), Type)> = vec![
        (&started, Type::TEXT),
        (&host, Type::TEXT),
        (&run.from_version, Type::INT4),
        (&run.to_version, Type::INT4),
        (&run.backup_file, Type::TEXT),
        (&run.outcome, Type::TEXT),
        (&run.message, Type::TEXT),
        (&run.unfinished, Type::TEXT),
        (&verified_key, Type::TEXT),
        (&verified_warnings, Type::TEXT),
    ];
    let columns = "started_at, host, from_version, to_version, backup_file, outcome, message, \
                   unfinished, verified_key, verified_warnings";
    let values = "$1::text::timestamptz, $2, $3, $4, $5, $6, $7, $8, $9, $10";
    let sql = match how {
        Write::Insert => format!("INSERT INTO {RUNS_TABLE} ({columns}) VALUES ({values})"),
        // One statement: the marker is updated in place, or a row is added when there is none.
        Write::ReplaceMarker => format!(
            "WITH marker AS (UPDATE {RUNS_TABLE} SET from_version = $3, to_version = $4, \
               backup_file = $5, outcome = $6, message = $7, unfinished = $8, verified_key = $9, \
               verified_warnings = $10, finished_at = now() \
             WHERE started_at = $1::text::timestamptz AND host = $2 AND outcome = '{RUNNING}' RETURNING id) \
             INSERT INTO {RUNS_TABLE} ({columns}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM marker)"
        ),
    };
    // Pipelined: the three are sent together and answered in one round trip. A failure
    // before COMMIT leaves the transaction aborted, and COMMIT then rolls it back.
    let (began, written, committed) = tokio::join!(
        client.batch_execute(&begin),
        client.execute_typed(&sql, &params),
        client.batch_execute("COMMIT")
    );
    began?;
    written?;
    committed?;
    Ok(())
}

/// One row of the runs table, as `status` shows it (the JSON field names are `status --json`'s).
#[derive(Debug, Clone, serde::Serialize)]
pub struct RunSummary {
    /// UTC, RFC 3339 to the second.
    pub started_at: String,
    pub host: Option<String>,
    pub from_version: Option<i32>,
    pub to_version: Option<i32>,
    /// `applied`, `nothing-pending`, `failed (exit N)`, ...
    pub outcome: String,
    /// Why it failed; empty on success.
    pub message: String,
    /// The backup taken before it; empty when none was.
    pub backup_file: String,
}

/// `2026-11-25T21:15:53Z  v2 -> v3  applied  on web-1`, then the backup and the first line of a
/// failure's message: enough to tell which deploy to look at without `--json`.
impl std::fmt::Display for RunSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let version = |v: Option<i32>| v.map_or("none".to_string(), |v| format!("v{v}"));
        write!(
            f,
            "{}  {} -> {}  {}",
            self.started_at,
            version(self.from_version),
            version(self.to_version),
            self.outcome
        )?;
        if let Some(host) = self.host.as_deref().filter(|h| !h.is_empty()) {
            write!(f, "  on {host}")?;
        }
        if !self.backup_file.is_empty() {
            write!(f, "\n    backup: {}", self.backup_file)?;
        }
        if let Some(first) = self.message.lines().next().filter(|l| !l.is_empty()) {
            write!(f, "\n    {first}")?;
        }
        Ok(())
    }
}

/// The newest `n` runs, newest first; none when the table does not exist yet.
pub async fn last(client: &Client, n: i64) -> Vec<RunSummary> {
    let sql = format!(
        "SELECT to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), host, from_version, to_version, outcome, \
         coalesce(message, ''), coalesce(backup_file, '') FROM {RUNS_TABLE} ORDER BY id DESC LIMIT $1"
    );
    match client.query(&sql, &[&n]).await {
        Ok(rows) => rows
            .iter()
            .map(|r| RunSummary {
                started_at: r.get(0),
                host: r.get(1),
                from_version: r.get(2),
                to_version: r.get(3),
                outcome: r.get(4),
                message: r.get(5),
                backup_file: r.get(6),
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|h| h.trim().to_string())
        .or_else(|_| std::env::var("HOSTNAME"))
        .unwrap_or_default()
}

/// What the last runs left: an unfinished migration, the newest clean verification. In one
/// round trip, since every deploy asks; a missing table means no runs yet.
pub async fn previous(client: &Client) -> Previous {
    let sql = format!(
        "SELECT last.unfinished, coalesce(last.message, ''), v.verified_key, v.verified_warnings \
         FROM (SELECT 1) one \
         LEFT JOIN (SELECT unfinished, message FROM {RUNS_TABLE} ORDER BY id DESC LIMIT 1) last ON true \
         LEFT JOIN (SELECT verified_key, verified_warnings FROM {RUNS_TABLE} \
                    WHERE verified_key IS NOT NULL ORDER BY id DESC LIMIT 1) v ON true"
    );
    let row = match client.query_typed_one(&sql, &[]).await {
        Ok(row) => row,
        Err(e) if e.code() == Some(&SqlState::UNDEFINED_COLUMN) => {
            return Previous {
                unfinished: unfinished(client).await,
                verified: None,
                table: TableState::OldLayout,
            };
        }
        // No table yet (or unreadable: then nothing is known, which is the safe answer).
        Err(_) => return Previous::default(),
    };
    let file: Option<String> = row.get(0);
    let key: Option<String> = row.get(2);
    Previous {
        unfinished: file.map(|f| (f, row.get(1))),
        verified: key.map(|key| Verified {
            key,
            warnings: row
                .get::<_, Option<String>>(3)
                .filter(|w| !w.is_empty())
                .map(|w| w.lines().map(str::to_string).collect())
                .unwrap_or_default(),
        }),
        table: TableState::Current,
    }
}

/// The no-transaction migration the last run left half-applied, with that run's message.
pub async fn unfinished(client: &Client) -> Option<(String, String)> {
    let sql = format!(
        "SELECT unfinished, coalesce(message, '') FROM {RUNS_TABLE} WHERE to_regclass('{RUNS_TABLE}') IS NOT NULL \
         ORDER BY id DESC LIMIT 1"
    );
    // The table may not exist yet: no runs, nothing unfinished.
    let exists = client
        .query_typed_one(
            "SELECT to_regclass($1) IS NOT NULL",
            &[(&RUNS_TABLE, Type::TEXT)],
        )
        .await
        .ok()?;
    if !exists.get::<_, bool>(0) {
        return None;
    }
    let row = client.query_typed_opt(&sql, &[]).await.ok()??;
    let file: Option<String> = row.get(0);
    file.map(|f| (f, row.get(1)))
}

/// Forget a half-applied no-transaction migration (after `repair`), so the next deploy retries it.
pub async fn clear_unfinished(client: &Client) -> Result<u64, tokio_postgres::Error> {
    let exists = client
        .query_typed_one(
            "SELECT to_regclass($1) IS NOT NULL",
            &[(&RUNS_TABLE, Type::TEXT)],
        )
        .await?;
    if !exists.get::<_, bool>(0) {
        return Ok(0);
    }
    client
        .execute(
            &format!("UPDATE {RUNS_TABLE} SET unfinished = NULL WHERE unfinished IS NOT NULL"),
            &[],
        )
        .await
}
