//! Applying migrations inside one transaction that schemagate, not refinery, commits.
//!
//! refinery's tokio-postgres driver opens and commits a transaction per call. [`InTransaction`]
//! implements refinery's async traits over an already open `tokio_postgres::Transaction`, so
//! refinery writes its history rows exactly as it always does while the transaction stays
//! open for verification. The caller decides COMMIT or ROLLBACK; dropping the transaction
//! rolls it back on every early return.

use std::time::{Duration, Instant};

use refinery_core::traits::r#async::{AsyncMigrate, AsyncQuery, AsyncTransaction};
use refinery_core::{Migration as RefineryMigration, Target};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use tokio_postgres::error::SqlState;
use tokio_postgres::{Client, Transaction};

use crate::error::{Error, Result};
use crate::migrations::Migration;
use crate::report::Reporter;

/// An open transaction handed to refinery.
///
/// refinery calls `execute` once for its history table and then once per migration with the
/// migration's SQL and its history insert; the wrapper follows along to log each migration and
/// to know which one failed.
pub struct InTransaction<'a, 't> {
    tx: &'a Transaction<'t>,
    pending: &'a [&'a Migration],
    /// How many of `pending` have been applied so far.
    applied: usize,
    /// The text that failed, to map the server's error position into the file.
    failed_sql: Option<String>,
    /// How many statements of the failed text completed before the failure: the server says
    /// where an error is only for some errors (a syntax error, an unknown column), so for the
    /// others ("already exists", a constraint violated) the failing statement is the next one.
    completed: usize,
    out: &'a Reporter,
}

impl AsyncTransaction for InTransaction<'_, '_> {
    type Error = tokio_postgres::Error;

    async fn execute<'a, T: Iterator<Item = &'a str> + Send + 'a>(
        &mut self,
        queries: T,
    ) -> std::result::Result<usize, Self::Error> {
        let start = Instant::now();
        let mut count = 0;
        let mut is_migration = false;
        for query in queries {
            if count == 0 {
                is_migration = self
                    .pending
                    .get(self.applied)
                    .is_some_and(|m| m.sql == query);
            }
            if let Err((e, completed)) = run_counting(self.tx, query).await {
                self.failed_sql = Some(query.to_string());
                self.completed = completed;
                return Err(e);
            }
            count += 1;
        }
        if is_migration {
            let m = self.pending[self.applied];
            self.out.info(&format!(
                "applied {} in {} ms",
                m.file_name,
                start.elapsed().as_millis()
            ));
            self.applied += 1;
        }
        Ok(count)
    }
}

/// Run `query` (one or more statements, as one simple query, as `batch_execute` does), counting
/// the statements that completed before a failure.
async fn run_counting(
    tx: &Transaction<'_>,
    query: &str,
) -> std::result::Result<(), (tokio_postgres::Error, usize)> {
    use futures_core::Stream;
    let mut completed = 0;
    let stream = tx
        .client()
        .simple_query_raw(query)
        .await
        .map_err(|e| (e, 0))?;
    let mut stream = std::pin::pin!(stream);
    while let Some(message) = std::future::poll_fn(|cx| stream.as_mut().poll_next(cx)).await {
        match message {
            Ok(tokio_postgres::SimpleQueryMessage::CommandComplete(_)) => completed += 1,
            Ok(_) => {}
            Err(e) => return Err((e, completed)),
        }
    }
    Ok(())
}

impl AsyncQuery<Vec<RefineryMigration>> for InTransaction<'_, '_> {
    async fn query(
        &mut self,
        query: &str,
    ) -> std::result::Result<Vec<RefineryMigration>, Self::Error> {
        let rows = self.tx.query(query, &[]).await?;
        Ok(rows
            .iter()
            .filter_map(|row| {
                let applied_on: String = row.get(2);
                let checksum: String = row.get(3);
                Some(RefineryMigration::applied(
                    row.get(0),
                    row.get(1),
                    OffsetDateTime::parse(&applied_on, &Rfc3339).ok()?,
                    checksum.parse().ok()?,
                ))
            })
            .collect())
    }
}

impl AsyncMigrate for InTransaction<'_, '_> {}

/// The timeouts set with `SET LOCAL` inside the migration transaction.
#[derive(Debug, Clone, Copy)]
pub struct Timeouts {
    pub lock_timeout: Duration,
    pub statement_timeout: Duration,
}

/// Begin the migration transaction: READ COMMITTED, with the timeouts set locally so that they
/// never apply to the advisory lock or outlive the transaction. Returns it with its transaction
/// id, which [`ensure_still_open`] compares before COMMIT.
pub async fn begin<'c>(
    client: &'c mut Client,
    timeouts: Timeouts,
) -> Result<(Transaction<'c>, i64)> {
    let tx = client
        .build_transaction()
        .isolation_level(tokio_postgres::IsolationLevel::ReadCommitted)
        .start()
        .await
        .map_err(|e| Error::database("starting the migration transaction", &e))?;
    let row = tx
        .query_typed_one(
            &format!(
                "SELECT set_config('lock_timeout', '{}', true), set_config('statement_timeout', '{}', true), \
                 CASE WHEN current_setting('server_version_num')::int >= 140000 \
                   THEN set_config('client_connection_check_interval', '1000', true) END, \
                 txid_current()",
                timeouts.lock_timeout.as_millis(),
                timeouts.statement_timeout.as_millis()
            ),
            &[],
        )
        .await
        .map_err(|e| Error::database("setting the transaction timeouts", &e))?;
    Ok((tx, row.get(3)))
}

/// Before COMMIT: the session must still be in the transaction that [`begin`] opened. A
/// `COMMIT`, `ROLLBACK` or `END` inside a migration ends it early: what ran before it is
/// committed (or gone), and what ran after it ran in autocommit, each statement for good. The
/// lint refuses such statements; this catches the ones it could not parse.
pub async fn ensure_still_open(
    tx: &Transaction<'_>,
    begun: i64,
    pending: &[&Migration],
) -> Result<()> {
    let now: i64 = tx
        .query_typed_one("SELECT txid_current()", &[])
        .await
        .map_err(|e| transaction_failed("checking the transaction", &e, pending))?
        .get(0);
    if now == begun {
        return Ok(());
    }
    let names: Vec<&str> = pending.iter().map(|m| m.file_name.as_str()).collect();
    Err(Error::MigrationFailed {
        location: names.join(", "),
        cause: "a migration ended schemagate's transaction itself (a COMMIT, ROLLBACK or END in the file): what ran before that statement was committed or rolled back by it, and everything after it ran outside any transaction".into(),
        hint: Some(
            "remove the transaction control statements from the file (schemagate owns the transaction; `schemagate lint` names them), then check the database with `schemagate status` and `schemagate verify`".into(),
        ),
        rolled_back: "not known: see `schemagate status`".into(),
    })
}

/// A failure of the migration transaction after its migrations ran, outside their own SQL:
/// reading the schema to verify it, committing. With migrations pending it fails the run like
/// a failed migration (exit 8): they are not applied, and a lost connection (a server restart,
/// a failover, a proxy cutting it) is the usual cause; the server rolls the transaction back
/// when the session ends. With nothing pending there was nothing to apply (exit 3, as for any
/// query that fails before a migration ran).
pub fn transaction_failed(
    action: &str,
    err: &tokio_postgres::Error,
    pending: &[&Migration],
) -> Error {
    if pending.is_empty() {
        return Error::database(action, err);
    }
    Error::MigrationFailed {
        location: "migration transaction".into(),
        cause: format!("{action}: {}", crate::pg_error::describe(err)),
        hint: lost_connection_hint(err),
        rolled_back: none_applied(pending),
    }
}

/// COMMIT the migration transaction. When the connection is lost during it, whether the
/// server committed is not known (it may have, just before it went): the message says so and
/// points at `status`; the next deploy applies whatever is still pending.
pub async fn commit(tx: Transaction<'_>, pending: &[&Migration]) -> Result<()> {
    let Err(err) = tx.commit().await else {
        return Ok(());
    };
    if pending.is_empty() || !crate::pg_error::is_connection_lost(&err) {
        return Err(transaction_failed("committing", &err, pending));
    }
    let names: Vec<&str> = pending.iter().map(|m| m.file_name.as_str()).collect();
    Err(Error::MigrationFailed {
        location: "migration transaction".into(),
        cause: format!(
            "the connection was lost during COMMIT: {}",
            crate::pg_error::describe(&err)
        ),
        hint: Some(
            "`schemagate status` shows whether they were applied; the next deploy applies whatever is still pending".into(),
        ),
        rolled_back: format!(
            "not known: {} may or may not have been committed",
            names.join(", ")
        ),
    })
}

fn lost_connection_hint(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    crate::pg_error::is_connection_lost(err).then(|| {
        "the connection to the server was lost (a restart, a failover, a network cut); deploy again once it is back".into()
    })
}

/// The (line, column) where statement `index` (0-based) of `sql` starts, as the lint splits
/// statements.
fn statement_start(sql: &str, index: usize) -> Option<(usize, usize)> {
    let statement = crate::lint::statements::split_statements(sql)
        .into_iter()
        .nth(index)?;
    let line_start = sql[..statement.offset].rfind('\n').map_or(0, |i| i + 1);
    let column = sql[line_start..statement.offset].chars().count() + 1;
    Some((statement.line, column))
}

/// "none of the 3 pending migrations was applied (V1__a.sql, ...)".
pub fn none_applied(pending: &[&Migration]) -> String {
    let names: Vec<String> = pending.iter().map(|p| p.file_name.clone()).collect();
    format!(
        "none of the {} pending migrations was applied ({})",
        names.len(),
        crate::text::names(&names)
    )
}

/// How applying failed.
pub enum ApplyFailure {
    /// A lock was not granted within `lock_timeout` (SQLSTATE 55P03): worth a retry.
    LockTimeout { file: String, cause: String },
    /// Any other failure, final.
    Failed(Error),
}

/// Apply `pending` (all transactional) inside `tx`, writing refinery's history rows.
pub async fn apply_pending(
    tx: &Transaction<'_>,
    pending: &[&Migration],
    out: &Reporter,
) -> std::result::Result<(), ApplyFailure> {
    if pending.is_empty() {
        return Ok(());
    }
    // One refinery call for the whole batch: it checks the history table and reads it once,
    // then runs each migration followed by its history row, all inside `tx`.
    let mut runner = InTransaction {
        tx,
        pending,
        applied: 0,
        failed_sql: None,
        completed: 0,
        out,
    };
    let table = crate::history::qualified_table(tx).await.map_err(|e| {
        ApplyFailure::Failed(transaction_failed("finding the history table", &e, pending))
    })?;
    let migrations: Vec<_> = pending.iter().map(|m| m.to_refinery()).collect();
    let outcome = runner
        .migrate(&migrations, false, false, false, Target::Latest, &table)
        .await;
    match outcome {
        Ok(_) => crate::history::record_statements(
            tx,
            &table,
            pending,
            crate::history::Within::Transaction,
            runner.out,
        )
        .await
        .map_err(|e| {
            ApplyFailure::Failed(transaction_failed(
                "recording the statement checksums",
                &e,
                pending,
            ))
        }),
        Err(err) => {
            // Before the first migration the failure is refinery's own (history table).
            let m = pending.get(runner.applied).copied().unwrap_or(pending[0]);
            let failed = runner
                .failed_sql
                .as_deref()
                .map(|sql| (sql, runner.completed));
            Err(failure(m, &err, failed, pending))
        }
    }
}

fn failure(
    m: &Migration,
    err: &refinery_core::Error,
    failed: Option<(&str, usize)>,
    pending: &[&Migration],
) -> ApplyFailure {
    let rolled_back = none_applied(pending);
    let Some(db) = crate::pg_error::db_error(err) else {
        return ApplyFailure::Failed(Error::MigrationFailed {
            location: m.file_name.clone(),
            cause: crate::pg_error::chain(err),
            hint: lost_connection_hint(err),
            rolled_back,
        });
    };
    let cause = match db.detail() {
        Some(detail) => format!("{} ({detail})", db.message()),
        None => db.message().to_string(),
    };
    if *db.code() == SqlState::LOCK_NOT_AVAILABLE {
        return ApplyFailure::LockTimeout {
            file: m.file_name.clone(),
            cause,
        };
    }
    // The position is inside the text that was sent: the file itself, unless the history insert
    // failed. Without one, the statement after those that completed is the one that failed.
    let position = match failed {
        Some((sql, completed)) if sql == m.sql => {
            crate::pg_error::position_in(sql, db).or_else(|| statement_start(sql, completed))
        }
        _ => None,
    };
    let location = match position {
        Some((line, col)) => format!("{}:{line}:{col}", m.file_name),
        None => m.file_name.clone(),
    };
    ApplyFailure::Failed(Error::MigrationFailed {
        location,
        cause,
        hint: db
            .hint()
            .map(str::to_string)
            .or_else(|| lost_connection_hint(err)),
        rolled_back,
    })
}
