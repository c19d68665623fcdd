//! The apply stage: the pending migrations in version order, in steps cut at each
//! no-transaction file, each step committed only after its checks passed.
//!
//! A run of transactional migrations is one transaction ([`transaction`]), checked (no table
//! vanished, the transaction still the one schemagate opened, the expected schema in the last
//! step) before COMMIT and retried from the start after a lock timeout. A migration marked
//! `-- schemagate:no-transaction` runs on its own, one statement at a time ([`notx`]), behind a
//! durable marker in the run log. With no such file there is one step: the whole deploy is one
//! transaction. A failure in step k leaves steps 1 to k-1 applied, and its message says so from
//! the history as the database then has it. The stage returns what it did; the run log row is
//! the caller's.

pub mod notx;
pub mod transaction;

use std::collections::BTreeSet;
use std::time::{Duration, Instant, SystemTime};

use tokio_postgres::Client;

pub use transaction::{ApplyFailure, Timeouts};

use crate::alembic::{self, VersionTable};
use crate::error::{Error, Result, VerificationContext, VerificationFailure};
use crate::guard;
use crate::lint::gate::Allowed;
use crate::migrations::Migration;
use crate::plan::{self, Step};
use crate::report::Reporter;
use crate::runs;
use crate::schema::fingerprint::Verified;
use crate::schema::{ExpectedFile, Schema, introspect, introspect_with_fingerprint};
use crate::verify::gate::{self, Check};

/// What the apply stage is given.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// The migrations to apply, in version order.
    pub pending: &'a [&'a Migration],
    /// The expected schema, when there is a file.
    pub expected: Option<&'a ExpectedFile>,
    /// What the lint allows: tables whose drop it found explicitly allowed, the losses of
    /// rows it explains.
    pub allowed: &'a Allowed,
    /// The guard's threshold before COMMIT (`None`: off).
    pub max_row_loss: Option<f64>,
    /// `lock_timeout` and `statement_timeout` inside the transaction.
    pub timeouts: Timeouts,
    /// Retries of the whole transaction after a lock timeout.
    pub lock_retries: u32,
    /// The run, for the marker written before a no-transaction migration.
    pub run: RunStart<'a>,
    /// Alembic's version table, when there is a mapping and the database has the table: each
    /// step moves it along.
    pub alembic: Option<&'a VersionTable<'a>>,
}

/// What a marker row says about the run that writes it.
#[derive(Debug, Clone, Copy)]
pub struct RunStart<'a> {
    pub started: SystemTime,
    pub from_version: Option<i32>,
    pub backup_file: Option<&'a str>,
}

/// What the apply stage did.
#[derive(Debug, Clone)]
pub struct Applied {
    /// The newest version now applied.
    pub to_version: Option<i32>,
    /// The clean verification it ended with, to be remembered (when there is an expected file).
    pub verified: Option<Verified>,
}

/// Apply `request.pending` and verify the result; see the module documentation.
pub async fn apply_and_verify(
    client: &mut Client,
    request: &Request<'_>,
    out: &Reporter,
) -> Result<Applied> {
    match apply_steps(client, request, out).await {
        Ok(applied) => Ok(applied),
        Err(e) => Err(with_state_after(client, request.pending, e).await),
    }
}

async fn apply_steps(
    client: &mut Client,
    request: &Request<'_>,
    out: &Reporter,
) -> Result<Applied> {
    let steps = plan::steps(request.pending);
    let mut progress = Progress {
        to_version: request.run.from_version,
        verified: None,
        run_before: None,
    };
    for (k, step) in steps.iter().enumerate() {
        let last = k + 1 == steps.len();
        // A requirement on a name that a later step mentions waits for that step: naming too
        // much only moves a check later, never skips it.
        let deferred: BTreeSet<String> = steps[k + 1..]
            .iter()
            .flat_map(|s| s.migrations())
            .flat_map(|m| notx::names(&m.sql))
            .collect();
        match step {
            Step::Transaction(migrations) => {
                let start = Instant::now();
                progress.verified = in_transaction(
                    client,
                    request,
                    migrations,
                    &deferred,
                    last,
                    &mut progress.run_before,
                    out,
                )
                .await?;
                progress.to_version = migrations.iter().map(|m| m.version).max();
                out.info(&format!(
                    "committed {} in {} ms",
                    crate::text::count(migrations.len(), "migration"),
                    start.elapsed().as_millis()
                ));
            }
            Step::Outside(m) => {
                if progress.run_before.is_none() {
                    progress.run_before = Some(
                        introspect(&*client)
                            .await
                            .map_err(|e| Error::database("reading the schema", &e))?,
                    );
                }
                let run = &request.run;
                runs::mark_unfinished(
                    client,
                    run.started,
                    progress.to_version,
                    run.backup_file,
                    &m.file_name,
                )
                .await
                .map_err(|e| {
                    Error::database(format!("recording the start of {}", m.file_name), &e)
                })?;
                notx::apply(client, m, out).await?;
                progress.to_version = Some(m.version);
                if let Some(versions) = request.alembic {
                    // In autocommit, as the file itself ran: a failure here leaves the file
                    // applied and Alembic one step behind, which the next deploy moves along.
                    let moved = alembic::keep_in_step(&*client, versions, m.version)
                        .await
                        .map_err(|e| Error::database("moving Alembic's version table", &e))?;
                    say_moved(moved, versions, out);
                }
                if last {
                    progress.verified =
                        after_outside(client, request, progress.run_before.as_ref(), out).await?;
                }
            }
        }
    }
    Ok(Applied {
        to_version: progress.to_version,
        verified: progress.verified,
    })
}

/// What the steps so far have done.
struct Progress {
    to_version: Option<i32>,
    verified: Option<Verified>,
    /// The schema before the run, for "no table vanished".
    run_before: Option<Schema>,
}

/// After the last step ran outside a transaction: verify what is now committed.
async fn after_outside(
    client: &Client,
    request: &Request<'_>,
    run_before: Option<&Schema>,
    out: &Reporter,
) -> Result<Option<Verified>> {
    let (after, fingerprint) = introspect_with_fingerprint(client)
        .await
        .map_err(|e| Error::database("reading the schema", &e))?;
    let names: Vec<String> = request
        .pending
        .iter()
        .map(|m| m.file_name.clone())
        .collect();
    let check = Check {
        before: run_before,
        allowed: &request.allowed.drops,
        pending: &names,
        deferred: &BTreeSet::new(),
        after_commit: true,
    };
    let warnings = gate::check(request.expected, &after, check, out)?;
    Ok(request
        .expected
        .map(|e| gate::remember(e, &fingerprint, warnings)))
}

/// One transactional step: BEGIN, apply, check, COMMIT; retried from the start after a lock
/// timeout. The expected schema is verified in full in the `last` step; an earlier step checks
/// what later steps cannot change (requirements on names they mention are `deferred`). Returns
/// the clean verification, to be remembered.
async fn in_transaction(
    client: &mut Client,
    request: &Request<'_>,
    migrations: &[&Migration],
    deferred: &BTreeSet<String>,
    last: bool,
    run_before: &mut Option<Schema>,
    out: &Reporter,
) -> Result<Option<Verified>> {
    let retries = request.lock_retries;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let (tx, xid) = transaction::begin(client, request.timeouts).await?;
        // The schema before the run is read once, inside the first step.
        let before = match run_before {
            Some(before) => before.clone(),
            None => introspect(&tx)
                .await
                .map_err(|e| Error::database("reading the schema", &e))?,
        };
        let guard = guard::Before::read(&tx, request.max_row_loss, migrations).await?;
        match transaction::apply_pending(&tx, migrations, out).await {
            Ok(()) => {}
            Err(ApplyFailure::LockTimeout { file, cause }) if attempt <= retries => {
                drop(tx);
                let blockers = describe_blockers(client).await;
                let delay = jitter(Duration::from_millis(500) * 2u32.pow(attempt - 1));
                out.warn(&format!(
                    "{file}: {cause}; rolled back, retry {attempt} of {retries} in {} ms{blockers}",
                    delay.as_millis()
                ));
                tokio::time::sleep(delay).await;
                continue;
            }
            Err(ApplyFailure::LockTimeout { file, cause }) => {
                return Err(Error::MigrationFailed {
                    location: file,
                    cause: format!("{cause} (after {retries} retries)"),
                    hint: Some("find the long transaction holding the lock (pg_stat_activity), or raise --lock-timeout".into()),
                    rolled_back: transaction::none_applied(migrations),
                });
            }
            Err(ApplyFailure::Failed(e)) => return Err(e),
        }
        transaction::ensure_still_open(&tx, xid, migrations).await?;
        // Without an expected file there is no verification to remember, nor a key to make.
        let remembered = last && request.expected.is_some();
        let read = async {
            if remembered {
                introspect_with_fingerprint(&tx).await
            } else {
                introspect(&tx).await.map(|schema| (schema, String::new()))
            }
        };
        let (after, fingerprint) = read.await.map_err(|e| {
            transaction::transaction_failed("reading the schema to verify it", &e, migrations)
        })?;
        let names: Vec<String> = migrations.iter().map(|m| m.file_name.clone()).collect();
        let check = Check {
            before: Some(&before),
            allowed: &request.allowed.drops,
            pending: &names,
            deferred,
            after_commit: false,
        };
        let warnings = gate::check(request.expected, &after, check, out)?;
        if let (Some(guard), Some(max)) = (&guard, request.max_row_loss) {
            guard
                .check(&tx, max, &request.allowed.losses, migrations, out)
                .await?;
        }
        let moved = match request.alembic {
            Some(versions) => {
                let newest = migrations.iter().map(|m| m.version).max().unwrap_or(0);
                alembic::keep_in_step(&tx, versions, newest)
                    .await
                    .map_err(|e| {
                        transaction::transaction_failed(
                            "moving Alembic's version table",
                            &e,
                            migrations,
                        )
                    })?
            }
            None => None,
        };
        transaction::commit(tx, migrations).await?;
        if let Some(versions) = request.alembic {
            say_moved(moved, versions, out);
        }
        if run_before.is_none() {
            *run_before = Some(before);
        }
        return Ok(request
            .expected
            .filter(|_| remembered)
            .map(|e| gate::remember(e, &fingerprint, warnings)));
    }
}

/// Say where Alembic's version table now is, when a step moved it.
fn say_moved(moved: Option<String>, versions: &VersionTable<'_>, out: &Reporter) {
    if let Some(revision) = moved {
        out.info(&format!(
            "{} moved to revision {revision}, in step with the history",
            versions.mapping.version_table
        ));
    }
}

/// A failure's message says what the database now holds, read back from the history: which
/// pending migrations earlier steps committed, and which were not applied. When the history
/// cannot be read (the connection is gone), the message keeps what it knew.
async fn with_state_after(client: &Client, pending: &[&Migration], e: Error) -> Error {
    let Ok(applied) = crate::history::read(client).await else {
        return e;
    };
    let is_applied = |m: &Migration| applied.iter().any(|a| a.version == m.version);
    let (done, not_done): (Vec<&Migration>, Vec<&Migration>) =
        pending.iter().partition(|m| is_applied(m));
    let names =
        |ms: &[&Migration]| -> Vec<String> { ms.iter().map(|m| m.file_name.clone()).collect() };
    match e {
        Error::MigrationFailed {
            location,
            cause,
            hint,
            rolled_back,
        } => {
            let rolled_back = if done.is_empty() && rolled_back.starts_with("not known") {
                transaction::none_applied(pending)
            } else if done.is_empty() {
                rolled_back
            } else {
                format!(
                    "{} stay applied (committed before the failure); not applied: {}",
                    crate::text::names(&names(&done)),
                    crate::text::names(&names(&not_done))
                )
            };
            Error::MigrationFailed {
                location,
                cause,
                hint,
                rolled_back,
            }
        }
        Error::VerificationFailed(VerificationFailure {
            findings,
            context: VerificationContext::BeforeCommit { pending, .. },
        }) => Error::VerificationFailed(VerificationFailure {
            findings,
            context: VerificationContext::BeforeCommit {
                pending,
                committed: names(&done),
            },
        }),
        other => other,
    }
}

/// The oldest open transactions of other sessions, for a lock-timeout retry's message.
async fn describe_blockers(client: &Client) -> String {
    let rows = client
        .query(
            "SELECT a.pid, coalesce(extract(epoch FROM now() - a.xact_start)::int8, 0), left(a.query, 80) \
             FROM pg_stat_activity a WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() \
             AND a.xact_start IS NOT NULL ORDER BY a.xact_start LIMIT 3",
            &[],
        )
        .await
        .unwrap_or_default();
    let parts: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "pid {} ({}s): {}",
                r.get::<_, i32>(0),
                r.get::<_, i64>(1),
                r.get::<_, String>(2)
            )
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("; open transactions: {}", parts.join("; "))
    }
}

/// Up to 250 ms more, so replicas retrying together do not collide again.
fn jitter(d: Duration) -> Duration {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|t| t.subsec_nanos())
        .unwrap_or(0);
    d + Duration::from_millis(u64::from(nanos % 250))
}
