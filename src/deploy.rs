//! The deploy gate: the pipeline of DESIGN.md in one place.
//!
//! Files are loaded and checked while the connection opens, and before anything is written;
//! the lint and the backup finish before the first change; migrations and verification share
//! one transaction that commits only when the schema is what it must be. Every failure returns
//! before COMMIT, and dropping the open transaction rolls it back. The app is exec'd only
//! after all of it succeeded.

use std::cell::OnceCell;
use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::PathBuf;
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
use crate::schema::fingerprint::{fingerprint, verified_key};
use crate::schema::{
    ExpectedSchema, QualifiedName, Schema, introspect, introspect_with_fingerprint,
};
use crate::verify;

/// `schemagate deploy`: returns only on failure when an app is given (it is exec'd).
pub async fn deploy(settings: &Settings, args: &DeployArgs) -> Result<()> {
    let policy = lint_policy(settings)?;
    let app = prepare_app(&args.app, args.expand_env)?;
    let url = settings.require_database()?;

    let mut signals = Signals::listen()?;
    let Opened {
        mut client,
        lock,
        files,
        expected,
        seen,
    } = tokio::select! {
        o = open(url, settings) => o?,
        s = signals.received() => return Err(s.error("nothing was changed")),
    };
    let cancel = client.cancel_token();
    let mut run = Run::start();
    let result = tokio::select! {
        r = gate(&mut client, url, settings, args, &files, seen, expected.as_ref(), &policy, &mut run) => r,
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
        if result.is_err() {
            run.verified = None;
        }
        // The row and the unlock travel together: one round trip.
        tokio::join!(runs::record(&client, &mut run), lock.release(&client));
    } else {
        lock.release(&client).await;
    }
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
    seen: Seen,
    expected: Option<&ExpectedFile>,
    policy: &LintPolicy,
    run: &mut Run,
) -> Result<&'static str> {
    let Look {
        pending,
        previous,
        fingerprint,
    } = look(client, settings, files, seen, args.dry_run, run).await?;
    let (server_version_num, allowed) = if pending.is_empty() {
        (0, BTreeSet::new())
    } else {
        if let Some(expected) = expected {
            expected.schema()?;
        }
        let version = server_version_num(client).await?;
        let allowed = lint_pending(client, &pending, policy, version, Unparsable::Warn).await?;
        (version, allowed)
    };
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
    let deferred: BTreeSet<String> = outside.iter().flat_map(|m| notx::names(&m.sql)).collect();
    let start = Instant::now();
    if pending.is_empty() {
        run.verified = verify_unchanged(client, expected, fingerprint, previous.verified).await?;
    } else {
        let check = Check {
            before: None,
            allowed: &allowed,
            pending: &in_tx,
            deferred: &deferred,
            after_commit: false,
        };
        run.verified = apply_and_verify(client, settings, &in_tx, expected, check).await?;
    }
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
        let (after, fingerprint) = introspect_with_fingerprint(&*client)
            .await
            .map_err(|e| Error::database("reading the schema", &e))?;
        let check = Check {
            before: None,
            allowed: &allowed,
            pending: &pending,
            deferred: &BTreeSet::new(),
            after_commit: !in_tx.is_empty(),
        };
        let warnings = check_schema(expected, &after, check)?;
        run.verified = expected.map(|e| e.remember(&fingerprint, warnings));
    }
    Ok(if pending.is_empty() {
        "nothing-pending"
    } else {
        "applied"
    })
}

/// What the database says before anything is decided.
struct Look<'f> {
    /// The migrations to apply, in order.
    pending: Vec<&'f Migration>,
    /// What earlier runs left: an unfinished migration, the last clean verification.
    previous: runs::Previous,
    /// The catalog fingerprint, read when there is an expected file (a no-op deploy needs it).
    fingerprint: Option<String>,
}

/// Adopt a database that Alembic migrated, then check the files against the history.
async fn look<'f>(
    client: &mut Client,
    settings: &Settings,
    files: &'f [Migration],
    seen: Seen,
    dry_run: bool,
    run: &mut Run,
) -> Result<Look<'f>> {
    let Seen {
        applied,
        previous,
        fingerprint,
    } = seen;
    // Adoption writes the history, so a fingerprint read before it can only miss, never match.
    let applied = crate::alembic::adopt(client, settings, files, applied?, dry_run).await?;
    run.from_version = applied.iter().map(|a| a.version).max();
    run.to_version = run.from_version;
    run.table = previous.table;
    let pending = history::plan(files, &applied)?;
    refuse_unfinished(previous.unfinished.clone(), &pending)?;
    let fingerprint = fingerprint
        .transpose()
        .map_err(|e| Error::database("reading the catalog fingerprint", &e))?;
    Ok(Look {
        pending,
        previous,
        fingerprint,
    })
}

/// A deploy's start: its files, and the database under the lock as it first sees it.
struct Opened {
    client: Client,
    lock: Lock,
    files: Vec<Migration>,
    expected: Option<ExpectedFile>,
    seen: Seen,
}

/// Connect, try the lock and read the database's state, while another thread reads the
/// migration files. At hundreds of files the reading takes as long as the server needs to
/// start a backend and read the catalog, so the two overlap instead of adding up (section 1
/// of BENCHMARKS.md). Only what says nothing overlaps: a bad file (a migration, or the
/// expected schema file) decides the outcome (exit 2 or 5) whatever the connection did,
/// before anything is written and before a word about waiting for the database or the lock;
/// a lock already taken ends with the dropped connection.
async fn open(url: &DbUrl, settings: &Settings) -> Result<Opened> {
    // Read first, to know whether the catalog fingerprint is needed; what is wrong with it, or
    // that it is missing, is told after the migrations' own problems, as it always was.
    let expected = ExpectedFile::read_quietly(settings);
    let with_fingerprint = matches!(expected, Ok(Some(_)));
    let dir = settings.migrations.clone();
    let (files_good, go_on) = tokio::sync::oneshot::channel::<()>();
    let loading = async move {
        let files = tokio::task::spawn_blocking(move || migrations::load(&dir))
            .await
            .map_err(|e| {
                Error::Internal(format!("the thread reading the migrations failed: {e}"))
            })??;
        let expected = match expected? {
            Some(file) => Some(file.reflecting(&files)),
            None => {
                ExpectedFile::say_missing(&settings.expected);
                None
            }
        };
        let _ = files_good.send(());
        Ok::<_, Error>((files, expected))
    };
    let opening = async {
        let go_on = async {
            // A bad file drops the sender, and `open` returns its error before this matters.
            let _ = go_on.await;
        };
        let client = connect::connect_holding_reports(url, settings.wait, go_on).await?;
        // The first try for the lock and the reads share one round trip. The server runs the
        // statements in the order they were sent (`biased`: the lock's first), so when the
        // lock was free the reads ran under it.
        let (lock, seen) = tokio::join!(
            biased;
            Lock::try_acquire(&client, HISTORY_TABLE),
            Seen::read(&client, with_fingerprint)
        );
        Ok::<_, Error>((client, lock?, seen))
    };
    tokio::pin!(loading, opening);
    let ((files, expected), (client, lock, seen)) = tokio::select! {
        files = &mut loading => {
            let files = files?;
            (files, opening.await?)
        }
        opened = &mut opening => (loading.await?, opened?),
    };
    // Held by another deploy: wait for it, saying so, then read again what it may have changed.
    let (lock, seen) = match lock {
        Some(lock) => (lock, seen),
        None => {
            let lock = Lock::acquire(&client, HISTORY_TABLE, settings.lock_wait).await?;
            (lock, Seen::read(&client, with_fingerprint).await)
        }
    };
    Ok(Opened {
        client,
        lock,
        files,
        expected,
        seen,
    })
}

/// The database as the deploy first sees it, under the lock: the history, what earlier runs
/// left, and the catalog fingerprint when there is an expected file (a no-op deploy needs it).
/// Errors are kept for [`look`], which reports them in the order it always has.
struct Seen {
    applied: Result<Vec<history::Applied>>,
    previous: runs::Previous,
    fingerprint: Option<std::result::Result<String, tokio_postgres::Error>>,
}

impl Seen {
    /// One round trip: the queries are pipelined.
    async fn read(client: &Client, with_fingerprint: bool) -> Seen {
        let fingerprint = async {
            if with_fingerprint {
                Some(fingerprint(client).await)
            } else {
                None
            }
        };
        let (applied, previous, fingerprint) =
            tokio::join!(history::read(client), runs::previous(client), fingerprint);
        Seen {
            applied,
            previous,
            fingerprint,
        }
    }
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
fn refuse_unfinished(unfinished: Option<(String, String)>, pending: &[&Migration]) -> Result<()> {
    let Some((file, message)) = unfinished else {
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

/// Nothing pending: the schema must still be what the expected file says. When the catalog
/// and the file are exactly as they were at the last clean verification (same key), that
/// verification stands and its warnings are repeated; otherwise the schema is read and
/// compared in full. This is the path every deploy of an unchanged app takes, so the common
/// case is one short query instead of reading the whole catalog.
async fn verify_unchanged(
    client: &Client,
    expected: Option<&ExpectedFile>,
    fingerprint: Option<String>,
    last: Option<runs::Verified>,
) -> Result<Option<runs::Verified>> {
    // Without the file there is nothing to compare, and nothing can vanish when nothing runs.
    let (Some(expected), Some(fingerprint)) = (expected, fingerprint) else {
        return Ok(None);
    };
    if let Some(last) = last
        && last.key == verified_key(&fingerprint, &expected.bytes)
    {
        report::info(
            "verified: the schema and the expected file are unchanged since the last verification",
        );
        for w in &last.warnings {
            report::warn(w);
        }
        return Ok(Some(last));
    }
    let (schema, fingerprint) = introspect_with_fingerprint(client)
        .await
        .map_err(|e| Error::database("reading the schema", &e))?;
    let warnings = check_schema(Some(expected), &schema, Check::unchanged())?;
    Ok(Some(expected.remember(&fingerprint, warnings)))
}

/// BEGIN, apply, verify, COMMIT; retried from the start after a lock timeout. Returns the
/// clean verification, to be remembered.
async fn apply_and_verify(
    client: &mut Client,
    settings: &Settings,
    pending: &[&Migration],
    expected: Option<&ExpectedFile>,
    check: Check<'_>,
) -> Result<Option<runs::Verified>> {
    let timeouts = Timeouts {
        lock_timeout: settings.lock_timeout,
        statement_timeout: settings.statement_timeout,
    };
    let mut attempt = 0;
    loop {
        attempt += 1;
        let tx = apply::begin(client, timeouts).await?;
        let before = introspect(&tx)
            .await
            .map_err(|e| Error::database("reading the schema", &e))?;
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
        // Without an expected file there is no verification to remember, nor a key to make.
        let read = async {
            match expected {
                Some(_) => introspect_with_fingerprint(&tx).await,
                None => introspect(&tx).await.map(|schema| (schema, String::new())),
            }
        };
        let (after, fingerprint) = read.await.map_err(|e| {
            apply::transaction_failed("reading the schema to verify it", &e, pending)
        })?;
        let check = Check {
            before: Some(&before),
            ..check
        };
        let warnings = check_schema(expected, &after, check)?;
        apply::commit(tx, pending).await?;
        return Ok(expected.map(|e| e.remember(&fingerprint, warnings)));
    }
}

/// What a verification compares besides the expected file, and what its failure means.
#[derive(Clone, Copy)]
struct Check<'a> {
    /// The schema before the run, for "no table vanished".
    before: Option<&'a Schema>,
    /// Tables whose drop a pending migration explicitly allowed.
    allowed: &'a BTreeSet<QualifiedName>,
    /// The run's migrations, named in a failure.
    pending: &'a [&'a Migration],
    /// Names the pending no-transaction migrations mention: requirements on them wait for the
    /// check that follows those migrations (see [`notx::names`]).
    deferred: &'a BTreeSet<String>,
    /// Whether the transactional migrations are already committed (the check after the
    /// no-transaction ones), so a failure cannot roll them back.
    after_commit: bool,
}

impl Check<'static> {
    /// Nothing pending: the expected file only.
    fn unchanged() -> Check<'static> {
        static EMPTY_NAMES: BTreeSet<String> = BTreeSet::new();
        static EMPTY_TABLES: BTreeSet<QualifiedName> = BTreeSet::new();
        Check {
            before: None,
            allowed: &EMPTY_TABLES,
            pending: &[],
            deferred: &EMPTY_NAMES,
            after_commit: false,
        }
    }
}

/// Verification: errors refuse the run, warnings are printed and returned.
fn check_schema(
    expected: Option<&ExpectedFile>,
    after: &Schema,
    check: Check,
) -> Result<Vec<String>> {
    let schema = expected.map(ExpectedFile::schema).transpose()?;
    let verification = verify::verify(
        schema,
        check.before,
        after,
        check.allowed,
        &managed_by_schemagate(),
    );
    let stale = expected
        .map(ExpectedFile::stale_warning)
        .transpose()?
        .flatten();
    let warnings: Vec<String> = stale
        .into_iter()
        .chain(verification.warnings(false).map(|w| w.to_string()))
        .collect();
    for w in &warnings {
        report::warn(w);
    }
    let (deferred, errors): (Vec<_>, Vec<_>) = verification
        .errors(false)
        .partition(|f| f.subject().is_some_and(|s| check.deferred.contains(s)));
    for f in deferred {
        report::info(&format!(
            "{f}: left for the no-transaction migrations, checked after them"
        ));
    }
    if errors.is_empty() {
        if let (Some(file), Some(schema)) = (expected, schema) {
            let count = |n: usize, noun: &str| match n {
                1 => format!("1 {noun}"),
                n => format!("{n} {noun}s"),
            };
            report::info(&format!(
                "verified against {}: {} and {} as required",
                file.path.display(),
                count(schema.tables.len(), "table"),
                count(schema.enums.len(), "enum")
            ));
        }
        return Ok(warnings);
    }
    let mut message = String::from(if check.after_commit {
        "verification failed after the no-transaction migrations; the migrations stay applied:"
    } else {
        "verification failed, rolled back, nothing was applied:"
    });
    for e in errors {
        message.push_str(&format!("\n  {e}"));
    }
    if !check.pending.is_empty() {
        let names: Vec<&str> = check.pending.iter().map(|m| m.file_name.as_str()).collect();
        message.push_str(&format!("\npending migrations: {}", names.join(", ")));
    }
    message.push_str(if check.after_commit {
        "\nhint: fix forward with a new migration, or update the expected schema (schemagate snapshot) if the change is intended"
    } else {
        "\nhint: fix the migration, or update the expected schema (schemagate snapshot) if the change is intended"
    });
    Err(Error::VerificationFailed(message))
}

/// The tables schemagate itself owns: never unmanaged, never "vanished".
pub fn managed_by_schemagate() -> BTreeSet<QualifiedName> {
    [HISTORY_TABLE, RUNS_TABLE]
        .into_iter()
        .map(QualifiedName::parse)
        .collect()
}

/// Lint the pending migrations against the database as it is now; exit 6 on a denial.
/// Returns the tables whose drop they explicitly allow, which verification accepts as gone.
pub async fn lint_pending(
    client: &Client,
    pending: &[&Migration],
    policy: &LintPolicy,
    server_version_num: i32,
    unparsable: Unparsable,
) -> Result<BTreeSet<QualifiedName>> {
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
    let report = lint::lint_with(&inputs, &ctx);
    print_lint(&report)?;
    Ok(report
        .allowed_drops
        .into_iter()
        .map(|(schema, name)| QualifiedName::new(schema, name))
        .collect())
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

/// The expected schema file as deploy uses it: read before connecting, parsed when first
/// needed. A deploy with nothing pending whose verification can be reused never parses it,
/// which is most of a no-op deploy's work on a big schema; any other deploy parses it before
/// the first change, so a malformed file still changes nothing (exit 2).
pub struct ExpectedFile {
    path: PathBuf,
    /// Its exact bytes: with the catalog fingerprint, they key a remembered verification.
    bytes: Vec<u8>,
    /// The newest migration file's version, to tell when the file is older than them (set by
    /// [`ExpectedFile::reflecting`] once the files are read).
    newest_migration: Option<i32>,
    parsed: OnceCell<ExpectedSchema>,
}

impl ExpectedFile {
    /// Reads the file, or says once that there is none.
    pub fn read(settings: &Settings) -> Result<Option<ExpectedFile>> {
        let file = ExpectedFile::read_quietly(settings)?;
        if file.is_none() {
            ExpectedFile::say_missing(&settings.expected);
        }
        Ok(file)
    }

    /// Says that there is no expected schema file at `path`, and what is checked without it.
    pub fn say_missing(path: &std::path::Path) {
        report::info(&format!(
            "no expected schema file at {}: only checking that no table vanished (create it with `schemagate snapshot`)",
            path.display()
        ));
    }

    /// Reads the file; `None` when there is none.
    pub fn read_quietly(settings: &Settings) -> Result<Option<ExpectedFile>> {
        let path = settings.expected.clone();
        let bytes = crate::schema::expected::read(&path)?;
        Ok(bytes.map(|bytes| ExpectedFile {
            path,
            bytes,
            newest_migration: None,
            parsed: OnceCell::new(),
        }))
    }

    /// The file as the expected schema of these migration `files`: a file that reflects an
    /// older version than the newest of them is stale (see [`ExpectedFile::stale_warning`]).
    pub fn reflecting(self, files: &[Migration]) -> ExpectedFile {
        ExpectedFile {
            newest_migration: files.iter().map(|m| m.version).max(),
            ..self
        }
    }

    /// What the file requires, parsed on first use.
    pub fn schema(&self) -> Result<&ExpectedSchema> {
        if let Some(schema) = self.parsed.get() {
            return Ok(schema);
        }
        let schema = crate::schema::expected::parse_bytes(&self.path, &self.bytes)?;
        Ok(self.parsed.get_or_init(|| schema))
    }

    /// A warning when the file reflects an older migration than the newest file.
    fn stale_warning(&self) -> Result<Option<String>> {
        let version = self.schema()?.version;
        Ok(match (version, self.newest_migration) {
            (Some(v), Some(n)) if v < n => Some(format!(
                "the expected schema is older than the migrations (version {v}, newest migration {n}): run `schemagate snapshot`"
            )),
            _ => None,
        })
    }

    /// The clean verification of this file against the catalog with `fingerprint`; a reuse
    /// repeats its `warnings`.
    fn remember(&self, fingerprint: &str, warnings: Vec<String>) -> runs::Verified {
        runs::Verified {
            key: verified_key(fingerprint, &self.bytes),
            warnings,
        }
    }
}

/// The expected schema file parsed, or `None` (said once) when there is none; for the
/// commands that always compare.
pub fn load_expected(settings: &Settings, files: &[Migration]) -> Result<Option<ExpectedSchema>> {
    let Some(file) = ExpectedFile::read(settings)? else {
        return Ok(None);
    };
    let file = file.reflecting(files);
    if let Some(warning) = file.stale_warning()? {
        report::warn(&warning);
    }
    file.schema().cloned().map(Some)
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
