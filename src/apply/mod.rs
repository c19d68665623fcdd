//! The apply stage: the pending migrations, then the verification, with COMMIT only after it.
//!
//! Transactional migrations run in one transaction ([`transaction`]) that is verified before it
//! commits and retried from the start after a lock timeout; migrations marked
//! `-- schemagate:no-transaction` run after it, one statement at a time ([`notx`]), each behind a
//! durable marker in the run log, and the schema is verified again once they are done. The
//! stage returns what it did; the run log row is the caller's.

pub mod notx;
pub mod transaction;

use std::collections::BTreeSet;
use std::time::{Duration, Instant, SystemTime};

use tokio_postgres::Client;

pub use transaction::{ApplyFailure, Timeouts};

use crate::error::{Error, Result};
use crate::guard;
use crate::lint::gate::Allowed;
use crate::migrations::Migration;
use crate::report::Reporter;
use crate::runs;
use crate::schema::fingerprint::Verified;
use crate::schema::{ExpectedFile, introspect, introspect_with_fingerprint};
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
    let (in_tx, outside): (Vec<&Migration>, Vec<&Migration>) =
        request.pending.iter().partition(|m| !m.no_transaction);
    let deferred: BTreeSet<String> = outside.iter().flat_map(|m| notx::names(&m.sql)).collect();
    let in_tx_names: Vec<String> = in_tx.iter().map(|m| m.file_name.clone()).collect();
    let start = Instant::now();
    let check = Check {
        before: None,
        allowed: &request.allowed.drops,
        pending: &in_tx_names,
        deferred: &deferred,
        after_commit: false,
    };
    let mut verified = in_transaction(client, request, &in_tx, check, out).await?;
    let mut to_version = request.run.from_version;
    if !in_tx.is_empty() {
        to_version = in_tx.iter().map(|m| m.version).max();
        out.info(&format!(
            "committed {} in {} ms",
            crate::text::count(in_tx.len(), "migration"),
            start.elapsed().as_millis()
        ));
    }
    if outside.is_empty() {
        return Ok(Applied {
            to_version,
            verified,
        });
    }
    for m in &outside {
        let run = &request.run;
        runs::mark_unfinished(
            client,
            run.started,
            to_version,
            run.backup_file,
            &m.file_name,
        )
        .await
        .map_err(|e| Error::database(format!("recording the start of {}", m.file_name), &e))?;
        notx::apply(client, m, out).await?;
        to_version = Some(m.version);
    }
    let (after, fingerprint) = introspect_with_fingerprint(&*client)
        .await
        .map_err(|e| Error::database("reading the schema", &e))?;
    let all_names: Vec<String> = request
        .pending
        .iter()
        .map(|m| m.file_name.clone())
        .collect();
    let check = Check {
        before: None,
        allowed: &request.allowed.drops,
        pending: &all_names,
        deferred: &BTreeSet::new(),
        after_commit: !in_tx.is_empty(),
    };
    let warnings = gate::check(request.expected, &after, check, out)?;
    verified = request
        .expected
        .map(|e| gate::remember(e, &fingerprint, warnings));
    Ok(Applied {
        to_version,
        verified,
    })
}

/// BEGIN, apply, verify, COMMIT; retried from the start after a lock timeout. Returns the
/// clean verification, to be remembered.
async fn in_transaction(
    client: &mut Client,
    request: &Request<'_>,
    pending: &[&Migration],
    check: Check<'_>,
    out: &Reporter,
) -> Result<Option<Verified>> {
    let retries = request.lock_retries;
    let mut attempt = 0;
    loop {
        attempt += 1;
        let tx = transaction::begin(client, request.timeouts).await?;
        let before = introspect(&tx)
            .await
            .map_err(|e| Error::database("reading the schema", &e))?;
        let guard = guard::Before::read(&tx, request.max_row_loss, pending).await?;
        match transaction::apply_pending(&tx, pending, out).await {
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
                    rolled_back: "nothing was applied".into(),
                });
            }
            Err(ApplyFailure::Failed(e)) => return Err(e),
        }
        // Without an expected file there is no verification to remember, nor a key to make.
        let read = async {
            match request.expected {
                Some(_) => introspect_with_fingerprint(&tx).await,
                None => introspect(&tx).await.map(|schema| (schema, String::new())),
            }
        };
        let (after, fingerprint) = read.await.map_err(|e| {
            transaction::transaction_failed("reading the schema to verify it", &e, pending)
        })?;
        let check = Check {
            before: Some(&before),
            ..check
        };
        let warnings = gate::check(request.expected, &after, check, out)?;
        if let (Some(guard), Some(max)) = (&guard, request.max_row_loss) {
            guard
                .check(&tx, max, &request.allowed.losses, pending, out)
                .await?;
        }
        transaction::commit(tx, pending).await?;
        return Ok(request
            .expected
            .map(|e| gate::remember(e, &fingerprint, warnings)));
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
