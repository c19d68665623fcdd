//! The deploy gate: the pipeline of DESIGN.md in one place.
//!
//! Files are loaded and checked before connecting; the lint and the backup finish before the
//! first change; migrations and verification share one transaction that commits only when the
//! schema is what it must be. Every failure returns before COMMIT, and dropping the open
//! transaction rolls it back. The app is exec'd only after all of it succeeded.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::time::{Duration, Instant, SystemTime};

use tokio_postgres::Client;

use crate::apply::{self, ApplyFailure, Timeouts};
use crate::backup::{self, BackupOptions, DumpTarget, ToolSearch};
use crate::cli::DeployArgs;
use crate::config::Settings;
use crate::connect::{self, DbUrl, SslMode};
use crate::error::{Error, Result};
use crate::history::{self, HISTORY_TABLE};
use crate::interrupt::Signals;
use crate::lint::{self, LintContext, LintInput, LintPolicy, Unparsable};
use crate::lock::Lock;
use crate::migrations::{self, Migration};
use crate::notx;
use crate::report;
use crate::runs::{self, RUNS_TABLE, Run};
use crate::schema::{ExpectedSchema, QualifiedName, Schema, introspect};
use crate::verify;

/// `schemagate deploy`: returns only on failure when an app is given (it is exec'd).
pub async fn deploy(settings: &Settings, args: &DeployArgs) -> Result<()> {
    let files = migrations::load(&settings.migrations)?;
    let expected = load_expected(settings, &files)?;
    let policy = lint_policy(settings)?;
    let app = prepare_app(&args.app, args.expand_env)?;
    let url = settings.require_database()?;

    let mut signals = Signals::listen()?;
    let mut client = tokio::select! {
        c = connect::connect(url, settings.wait) => c?,
        s = signals.received() => return Err(s.error("nothing was changed")),
    };
    let lock = tokio::select! {
        l = Lock::acquire(&client, HISTORY_TABLE, settings.lock_wait) => l?,
        s = signals.received() => return Err(s.error("nothing was changed")),
    };
    let cancel = client.cancel_token();
    let mut run = Run::start();
    let result = tokio::select! {
        r = gate(&mut client, url, settings, args, &files, expected.as_ref(), &policy, &mut run) => r,
        s = signals.received() => {
            // Stop the statement in flight; the dropped transaction then rolls back.
            connect::cancel(url, &cancel).await;
            // The history, not our bookkeeping, says whether a COMMIT got through first.
            if let Ok(applied) = history::read(&client).await {
                run.to_version = applied.iter().map(|a| a.version).max();
            }
            Err(s.error(interrupted_outcome(&run)))
        }
    };
    if !args.dry_run {
        run.outcome = match &result {
            Ok(outcome) => outcome.to_string(),
            Err(e) => format!("failed (exit {})", e.exit_code()),
        };
        run.message = result.as_ref().err().map(|e| e.to_string());
        // A half-applied no-transaction migration stays marked until `repair` clears it.
        run.unfinished = match &result {
            Err(Error::PartiallyApplied { file, .. }) => Some(file.clone()),
            Err(Error::History { problems }) => problems.iter().find_map(|p| match p {
                history::HistoryProblem::Unfinished { file, .. } => Some(file.clone()),
                _ => None,
            }),
            Err(Error::Interrupted { .. }) => run.unfinished.take(),
            _ => None,
        };
        runs::record(&client, &mut run).await;
    }
    lock.release(&client).await;
    drop(client);
    result?;
    match app {
        Some(app) if !args.dry_run => Err(crate::exec::exec_app(&app)),
        _ => Ok(()),
    }
}

/// Everything between taking the lock and releasing it.
#[allow(clippy::too_many_arguments)]
async fn gate(
    client: &mut Client,
    url: &DbUrl,
    settings: &Settings,
    args: &DeployArgs,
    files: &[Migration],
    expected: Option<&ExpectedSchema>,
    policy: &LintPolicy,
    run: &mut Run,
) -> Result<&'static str> {
    let applied = history::read(&*client).await?;
    run.from_version = applied.iter().map(|a| a.version).max();
    run.to_version = run.from_version;
    let pending = history::plan(files, &applied)?;
    refuse_unfinished(client, &pending).await?;
    let server_version_num = server_version_num(client).await?;
    if !pending.is_empty() {
        lint_pending(
            client,
            &pending,
            policy,
            server_version_num,
            Unparsable::Warn,
        )
        .await?;
    }
    if args.dry_run {
        print_plan(
            &pending,
            !(pending.is_empty() || args.no_backup || settings.no_backup),
        );
        return Ok("dry-run");
    }
    if pending.is_empty() {
        report::info("nothing pending");
    } else {
        let names: Vec<&str> = pending.iter().map(|m| m.file_name.as_str()).collect();
        report::info(&format!("{} pending: {}", pending.len(), names.join(", ")));
        if args.no_backup || settings.no_backup {
            report::warn("no backup taken (--no-backup)");
        } else {
            let info =
                take_backup(client, url, settings, run.from_version, server_version_num).await?;
            run.backup_file = Some(info);
        }
    }

    let (in_tx, outside): (Vec<&Migration>, Vec<&Migration>) =
        pending.iter().partition(|m| !m.no_transaction);
    let allowed = allowed_drops(&pending);
    let start = Instant::now();
    apply_and_verify(client, settings, &in_tx, expected, &allowed).await?;
    if !in_tx.is_empty() {
        run.to_version = in_tx.iter().map(|m| m.version).max();
        report::info(&format!(
            "committed {} migrations in {} ms",
            in_tx.len(),
            start.elapsed().as_millis()
        ));
    }
    if !outside.is_empty() {
        for m in &outside {
            runs::mark_unfinished(client, run, &m.file_name)
                .await
                .map_err(|e| {
                    Error::database(format!("recording the start of {}", m.file_name), &e)
                })?;
            // Until it completes, an interruption leaves it marked.
            run.unfinished = Some(m.file_name.clone());
            notx::apply(client, m).await?;
            run.unfinished = None;
            run.to_version = Some(m.version);
        }
        let after = introspect(&*client)
            .await
            .map_err(|e| Error::database("reading the schema", &e))?;
        check_schema(expected, None, &after, &allowed, &pending)?;
    }
    Ok(if pending.is_empty() {
        "nothing-pending"
    } else {
        "applied"
    })
}

/// What an interruption left behind, from how far the run got.
fn interrupted_outcome(run: &Run) -> String {
    match (&run.unfinished, run.to_version > run.from_version) {
        (Some(file), _) => format!(
            "{file} runs outside the transaction and was stopped part-way; the next deploy stops until it is checked (see `schemagate status`, then `schemagate repair`)"
        ),
        (None, true) => format!(
            "the migrations committed before the signal stay applied (at version {})",
            run.to_version.unwrap_or_default()
        ),
        (None, false) => "rolled back, nothing was applied".into(),
    }
}

/// After a no-transaction migration failed part-way, go on only if it is still pending and
/// every statement in it is idempotent (`IF [NOT] EXISTS`), so running it again is safe.
async fn refuse_unfinished(client: &Client, pending: &[&Migration]) -> Result<()> {
    let Some((file, message)) = runs::unfinished(client).await else {
        return Ok(());
    };
    let Some(m) = pending.iter().find(|m| m.file_name == file) else {
        return Ok(());
    };
    if lint::split_statements(&m.sql)
        .iter()
        .all(lint::is_idempotent)
    {
        report::warn(&format!(
            "{file} failed part-way in the last run; its statements are idempotent, so it runs again"
        ));
        return Ok(());
    }
    let first_line = message.lines().next().unwrap_or("").to_string();
    Err(Error::History {
        problems: vec![history::HistoryProblem::Unfinished {
            file,
            message: first_line,
        }],
    })
}

/// BEGIN, apply, verify, COMMIT; retried from the start after a lock timeout.
async fn apply_and_verify(
    client: &mut Client,
    settings: &Settings,
    pending: &[&Migration],
    expected: Option<&ExpectedSchema>,
    allowed: &BTreeSet<QualifiedName>,
) -> Result<()> {
    let timeouts = Timeouts {
        lock_timeout: settings.lock_timeout,
        statement_timeout: settings.statement_timeout,
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        let tx = apply::begin(client, timeouts).await?;
        // With nothing pending the schema cannot change during the run: one look suffices.
        let before = if pending.is_empty() {
            None
        } else {
            Some(
                introspect(&tx)
                    .await
                    .map_err(|e| Error::database("reading the schema", &e))?,
            )
        };
        match apply::apply_pending(&tx, pending).await {
            Ok(()) => {}
            Err(ApplyFailure::LockTimeout { file, cause }) if attempt <= settings.lock_retries => {
                drop(tx);
                let blockers = describe_blockers(client).await;
                let delay = jitter(Duration::from_millis(500) * 2u32.pow(attempt - 1));
                report::warn(&format!(
                    "{file}: {cause}; rolled back, retry {attempt} of {} in {} ms{blockers}",
                    settings.lock_retries,
                    delay.as_millis()
                ));
                tokio::time::sleep(delay).await;
                continue;
            }
            Err(ApplyFailure::LockTimeout { file, cause }) => {
                return Err(Error::MigrationFailed {
                    location: file,
                    cause: format!("{cause} (after {} retries)", settings.lock_retries),
                    hint: Some("find the long transaction holding the lock (pg_stat_activity), or raise --lock-timeout".into()),
                    rolled_back: "nothing was applied".into(),
                });
            }
            Err(ApplyFailure::Failed(e)) => return Err(e),
        }
        let after = introspect(&tx).await.map_err(|e| {
            apply::transaction_failed("reading the schema to verify it", &e, pending)
        })?;
        check_schema(expected, before.as_ref(), &after, allowed, pending)?;
        return apply::commit(tx, pending).await;
    }
}

/// Verification: errors refuse the run, warnings are printed.
fn check_schema(
    expected: Option<&ExpectedSchema>,
    before: Option<&Schema>,
    after: &Schema,
    allowed: &BTreeSet<QualifiedName>,
    pending: &[&Migration],
) -> Result<()> {
    let verification = verify::verify(expected, before, after, allowed, &managed_by_schemagate());
    for w in verification.warnings(false) {
        report::warn(&w.to_string());
    }
    if verification.is_clean(false) {
        return Ok(());
    }
    let mut message = String::from("verification failed, rolled back, nothing was applied:");
    for e in verification.errors(false) {
        message.push_str(&format!("\n  {e}"));
    }
    if !pending.is_empty() {
        let names: Vec<&str> = pending.iter().map(|m| m.file_name.as_str()).collect();
        message.push_str(&format!("\npending migrations: {}", names.join(", ")));
    }
    message.push_str("\nhint: fix the migration, or update the expected schema (schemagate snapshot) if the change is intended");
    Err(Error::VerificationFailed(message))
}

/// The tables schemagate itself owns: never unmanaged, never "vanished".
pub fn managed_by_schemagate() -> BTreeSet<QualifiedName> {
    [HISTORY_TABLE, RUNS_TABLE]
        .into_iter()
        .map(QualifiedName::parse)
        .collect()
}

fn allowed_drops(pending: &[&Migration]) -> BTreeSet<QualifiedName> {
    let inputs: Vec<LintInput> = pending.iter().map(|m| m.lint_input()).collect();
    lint::allowed_drops(&inputs)
        .into_iter()
        .map(|(schema, name)| QualifiedName::new(schema, name))
        .collect()
}

/// Lint the pending migrations against the database as it is now; exit 6 on a denial.
pub async fn lint_pending(
    client: &Client,
    pending: &[&Migration],
    policy: &LintPolicy,
    server_version_num: i32,
    unparsable: Unparsable,
) -> Result<()> {
    let existing = lint::read_existing(client)
        .await
        .map_err(|e| Error::database("reading the existing tables", &e))?;
    let inputs: Vec<LintInput> = pending.iter().map(|m| m.lint_input()).collect();
    let ctx = LintContext {
        existing: &existing,
        policy,
        unparsable,
        server_version_num,
    };
    print_lint(&lint::lint_with(&inputs, &ctx))
}

/// Lint files as on a fresh database (`lint FILES`, `lint --all`, `check`): nothing exists
/// before them, and a statement the parser cannot read is a finding. Without a server the
/// version-dependent rules assume PostgreSQL 15.
pub fn lint_offline(inputs: &[LintInput], policy: &LintPolicy) -> Result<()> {
    let existing = lint::ExistingObjects::new();
    let ctx = LintContext {
        existing: &existing,
        policy,
        unparsable: Unparsable::Deny,
        server_version_num: 150000,
    };
    print_lint(&lint::lint_with(inputs, &ctx))
}

/// Print warnings and denials; exit 6 when anything is denied.
pub fn print_lint(report: &lint::LintReport) -> Result<()> {
    for w in report.warnings() {
        report::warn(&w.to_string());
    }
    let denied: Vec<String> = report.denied().map(|f| f.to_string()).collect();
    if denied.is_empty() {
        return Ok(());
    }
    Err(Error::LintRefused(format!(
        "lint refused {} statement(s), nothing was changed:\n{}",
        denied.len(),
        denied.join("\n")
    )))
}

/// The lint policy: defaults, then the `[lint]` table of schemagate.toml.
pub fn lint_policy(settings: &Settings) -> Result<LintPolicy> {
    let mut policy = LintPolicy::default();
    for (rule, level) in &settings.lint_levels {
        let level: lint::Level = serde_json::from_value(serde_json::Value::String(level.clone())).map_err(|_| {
            Error::Config(format!("schemagate.toml [lint] {rule}: level must be deny, warn, info or off, got {level:?}"))
        })?;
        policy
            .set(rule, level)
            .map_err(|e| Error::Config(format!("schemagate.toml [lint]: {e}")))?;
    }
    Ok(policy)
}

/// The expected schema file, or `None` (said once) when there is none.
pub fn load_expected(settings: &Settings, files: &[Migration]) -> Result<Option<ExpectedSchema>> {
    let expected = crate::schema::expected::load(&settings.expected).map_err(|e| Error::File {
        path: settings.expected.clone(),
        cause: e.to_string(),
    })?;
    match &expected {
        None => report::info(&format!(
            "no expected schema file at {}: only checking that no table vanished (create it with `schemagate snapshot`)",
            settings.expected.display()
        )),
        Some(e) => {
            let newest = files.iter().map(|m| m.version).max();
            if let (Some(v), Some(n)) = (e.version, newest)
                && v < n
            {
                report::warn(&format!(
                    "the expected schema is older than the migrations (version {v}, newest migration {n}): run `schemagate snapshot`"
                ));
            }
        }
    }
    Ok(expected)
}

async fn take_backup(
    client: &Client,
    url: &DbUrl,
    settings: &Settings,
    from_version: Option<i32>,
    server_version_num: i32,
) -> Result<String> {
    let size: i64 = client
        .query_one("SELECT pg_database_size(current_database())", &[])
        .await
        .map_err(|e| Error::database("reading the database size", &e))?
        .get(0);
    let opts = BackupOptions {
        dir: settings.backup_dir.clone(),
        from_version,
        server_version_num: server_version_num as u32,
        database_size_bytes: Some(size as u64),
        progress: true,
        tools: ToolSearch::from_env(),
    };
    let target = dump_target(url);
    // On a thread of its own, so a signal is seen while pg_dump runs (and stops it).
    let info = tokio::task::spawn_blocking(move || backup::take_backup(&target, &opts))
        .await
        .map_err(|e| Error::Internal(format!("the backup thread failed: {e}")))?
        .map_err(|e| Error::Backup(e.to_string()))?;
    report::info(&format!(
        "backup {} ({} bytes) in {} ms",
        info.path.display(),
        info.size_bytes,
        info.duration.as_millis()
    ));
    match backup::prune(&settings.backup_dir, settings.keep_backups, &info.path) {
        Ok(removed) if !removed.is_empty() => {
            report::info(&format!("removed {} old backups", removed.len()))
        }
        Ok(_) => {}
        Err(e) => report::warn(&format!("could not prune old backups: {e}")),
    }
    Ok(info.path.display().to_string())
}

/// The connection as `pg_dump` and `pg_restore` take it.
pub fn dump_target(url: &DbUrl) -> DumpTarget {
    let sslmode = match url.sslmode {
        SslMode::Disable => "disable",
        SslMode::Allow => "allow",
        SslMode::Prefer => "prefer",
        SslMode::Require => "require",
        SslMode::VerifyCa => "verify-ca",
        SslMode::VerifyFull => "verify-full",
    };
    DumpTarget {
        host: url.host.clone(),
        port: url.port,
        user: url.user.clone(),
        password: url.password.clone(),
        dbname: url.dbname.clone(),
        sslmode: sslmode.to_string(),
        sslrootcert: url.sslrootcert.clone(),
    }
}

/// `SHOW server_version_num` as a number.
pub async fn server_version_num(client: &Client) -> Result<i32> {
    let row = client
        .query_typed_one("SELECT current_setting('server_version_num')::int4", &[])
        .await
        .map_err(|e| Error::database("reading the server version", &e))?;
    Ok(row.get(0))
}

fn print_plan(pending: &[&Migration], backup: bool) {
    if pending.is_empty() {
        report::info("dry run: nothing pending");
        return;
    }
    for m in pending {
        let how = if m.no_transaction {
            "outside the transaction"
        } else {
            "in the transaction"
        };
        report::info(&format!("dry run: would apply {} ({how})", m.file_name));
    }
    report::info(if backup {
        "dry run: a backup would be taken first"
    } else {
        "dry run: no backup would be taken"
    });
}

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

fn jitter(d: Duration) -> Duration {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|t| t.subsec_nanos())
        .unwrap_or(0);
    d + Duration::from_millis(u64::from(nanos % 250))
}

fn prepare_app(app: &[OsString], expand: bool) -> Result<Option<Vec<OsString>>> {
    if app.is_empty() {
        return Ok(None);
    }
    if !expand {
        return Ok(Some(app.to_vec()));
    }
    let env = |name: &str| std::env::var(name).ok();
    app.iter()
        .map(|a| {
            let text = a.to_str().ok_or_else(|| {
                Error::Config("--expand-env: an app argument is not UTF-8".into())
            })?;
            crate::exec::expand_env(text, &env).map(OsString::from)
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}
