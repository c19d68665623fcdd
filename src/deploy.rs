//! The deploy, as the README draws it: load the project while the database opens (connect,
//! lock, read), decide (adopt an Alembic database, plan, lint), back up, apply and verify, record
//! the run, exec the app.
//!
//! Nothing changes before the lint passed and the backup is safe; the migrations and their
//! verification share a transaction that commits only when the schema is what it must be; the
//! app starts only after all of it. Each stage takes plain data and returns plain data, and
//! this function fills the run log row from what they return. A signal stops the stage in
//! flight; what it left behind is read back from the database.

use std::ffi::OsString;
use std::time::SystemTime;

use tokio_postgres::Client;

use crate::alembic;
use crate::apply::{self, Timeouts};
use crate::backup::stage::{self as backup, Retention};
use crate::config::Settings;
use crate::connect;
use crate::database::{self, Database, Open, State};
use crate::error::{Error, Result};
use crate::exec;
use crate::history::{self, HistoryProblem};
use crate::interrupt::{Received, Signals, Stop};
use crate::lint::{Unparsable, gate as lint};
use crate::plan::{self, How, Plan};
use crate::project::Project;
use crate::report::Reporter;
use crate::runs::{self, Previous, Run};
use crate::schema::ExpectedFile;
use crate::url::DbUrl;
use crate::verify::gate as verify;

/// How this deploy was asked to run.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// Say what would run and change nothing.
    pub dry_run: bool,
    /// Take a backup before the first change (not `--no-backup`, not `no_backup = true`).
    pub backup: bool,
    /// The app to exec after a successful deploy, its arguments already expanded.
    pub app: Option<Vec<OsString>>,
}

/// How a deploy that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `--dry-run`: nothing changed.
    DryRun,
    /// Nothing pending; the schema verified.
    NothingPending,
    /// The pending migrations were applied and verified.
    Applied,
}

impl Outcome {
    /// The word the run log records.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::DryRun => "dry-run",
            Outcome::NothingPending => "nothing-pending",
            Outcome::Applied => "applied",
        }
    }
}

/// `schemagate deploy`: returns only on failure when an app is given (it is exec'd).
pub async fn deploy(settings: &Settings, options: &DeployOptions, out: &Reporter) -> Result<()> {
    let url = settings.require_database()?;
    let mut signals = Signals::listen()?;
    let (project, db, state) = match signals.during(load_and_open(settings, url, out)).await {
        Ok(opened) => opened,
        Err(Stop::Failed(e)) => return Err(e),
        Err(Stop::Signal(s)) => return Err(s.error("nothing was changed")),
    };
    let Database {
        mut client,
        lock,
        path,
    } = db;
    let State {
        applied,
        previous,
        fingerprint,
    } = state;
    let cancel = client.cancel_token();
    let mut run = Run {
        started: SystemTime::now(),
        from_version: applied.iter().map(|a| a.version).max(),
        to_version: None,
        backup_file: None,
        outcome: String::new(),
        message: None,
        unfinished: None,
        verified: None,
    };
    let mut marks_runs = false;

    let stages = async {
        let decided = signals
            .during(decide(
                &mut client,
                &project,
                applied,
                &previous,
                options,
                out,
            ))
            .await?;
        let plan = &decided.plan;
        run.from_version = plan.from_version;
        run.to_version = plan.from_version;
        if options.dry_run {
            print_dry_run(plan, out);
            if let (Some(mapping), Some(newest)) = (&project.alembic, plan.pending.last())
                && let Some(revision) = alembic::planned_move(&client, mapping, newest.version)
                    .await
                    .map_err(Stop::Failed)?
            {
                out.info(&format!(
                    "dry run: {} would move to revision {revision} with them",
                    mapping.version_table
                ));
            }
            return Ok(Outcome::DryRun);
        }
        if plan.pending.is_empty() {
            out.info("nothing pending");
            let expected = project.expected.as_ref();
            let last = previous.verified.as_ref();
            let unchanged = verify::unchanged(&client, expected, fingerprint.as_deref(), last, out);
            run.verified = signals.during(unchanged).await?;
            return Ok(Outcome::NothingPending);
        }
        out.info(&format!(
            "{} pending: {}",
            plan.pending.len(),
            plan.names().join(", ")
        ));
        marks_runs = plan.pending.iter().any(|m| How::of(m) == How::Outside);
        // Through a pooler, still the session that holds the lock, before the first change.
        crate::pooler::check_pinned(url, &client, path, &lock).await?;
        run.backup_file = if plan.backup {
            let retention = Retention {
                dir: settings.backup_dir.clone(),
                bucket: settings.backup_bucket.clone(),
                keep: settings.keep_backups,
                lock_wait: settings.lock_timeout,
                scope: signals
                    .during(crate::backup::scope::decide(
                        &client,
                        settings.backup_scope,
                        &plan.pending,
                    ))
                    .await?,
            };
            let taking = backup::before_deploy(
                &client,
                url,
                &retention,
                plan.from_version,
                decided.server_version_num,
                settings.wait,
                out,
            );
            Some(signals.during(taking).await?)
        } else {
            out.warn("no backup taken (--no-backup)");
            None
        };
        // Found before the migrations run: one of them may change the search_path.
        let versions = match &project.alembic {
            Some(mapping) => alembic::VersionTable::find(&client, mapping).await?,
            None => None,
        };
        let request = apply::Request {
            pending: &plan.pending,
            expected: project.expected.as_ref(),
            allowed: &decided.allowed,
            max_row_loss: settings.max_row_loss,
            timeouts: Timeouts {
                lock_timeout: settings.lock_timeout,
                statement_timeout: settings.statement_timeout,
            },
            lock_retries: settings.lock_retries,
            run: apply::RunStart {
                started: run.started,
                from_version: plan.from_version,
                backup_file: run.backup_file.as_deref(),
            },
            alembic: versions.as_ref(),
        };
        let applied = signals
            .during(apply::apply_and_verify(&mut client, &request, out))
            .await?;
        run.to_version = applied.to_version;
        run.verified = applied.verified;
        Ok::<_, Stop>(Outcome::Applied)
    };
    let result = match stages.await {
        Ok(outcome) => Ok(outcome),
        Err(Stop::Failed(e)) => {
            // Earlier steps may have committed: the history says how far the run got.
            if let Ok(applied) = history::read(&client).await {
                run.to_version = applied.iter().map(|a| a.version).max().or(run.to_version);
            }
            Err(e)
        }
        Err(Stop::Signal(s)) => {
            // Stop the statement in flight; the dropped transaction then rolls back.
            connect::cancel(url, &cancel).await;
            Err(interrupted(&client, s, &mut run).await)
        }
    };

    if options.dry_run {
        lock.release(&client).await;
    } else {
        settle(&mut run, &result, &previous);
        // The row and the unlock travel together: one round trip.
        tokio::join!(
            runs::record(&client, &run, previous.table, marks_runs, out),
            lock.release(&client)
        );
    }
    // A session pooler hands this server session to another client next: leave it as it was
    // given (PgBouncer's server_reset_query does this too, unless it was turned off).
    if path == crate::pooler::Path::Session {
        let _ = client.batch_execute("DISCARD ALL").await;
    }
    drop(client);
    result?;
    match &options.app {
        Some(app) if !options.dry_run => Err(exec::exec_app(app)),
        _ => Ok(()),
    }
}

/// Read the project's files on a thread of their own while the database opens (connect, lock,
/// read its state). At hundreds of files the reading takes as long as the server needs to
/// start a backend and read the catalog, so the two overlap instead of adding up. Only quiet
/// work overlaps: a bad file (exit 2 or 5) decides the outcome whatever the connection did,
/// before anything is written and before a word about waiting for the database or the lock.
async fn load_and_open(
    settings: &Settings,
    url: &DbUrl,
    out: &Reporter,
) -> Result<(Project, Database, State)> {
    let (files_good, go_on) = tokio::sync::oneshot::channel::<()>();
    let loading = async {
        let settings = settings.clone();
        let project = tokio::task::spawn_blocking(move || Project::load_quietly(&settings))
            .await
            .map_err(|e| Error::internal(format!("the thread reading the files failed: {e}")))??;
        if project.expected.is_none() {
            ExpectedFile::say_missing(&project.expected_path, out);
        }
        let _ = files_good.send(());
        Ok::<_, Error>(project)
    };
    let how = Open {
        url,
        wait: settings.wait,
        lock_wait: settings.lock_wait,
        // The fingerprint is for the no-op deploy's verification, which needs the file.
        with_fingerprint: settings.expected.is_file(),
    };
    // A bad file drops the sender, and its error is returned before this matters.
    let opening = database::open(how, async { drop(go_on.await) }, out);
    tokio::pin!(loading, opening);
    let (project, opened) = tokio::select! {
        project = &mut loading => {
            let project = project?;
            (project, opening.await?)
        }
        opened = &mut opening => (loading.await?, opened?),
    };
    let (db, state) = opened.locked(out).await?;
    Ok((project, db, state))
}

/// What the deploy will do, decided before any change.
struct Decided<'p> {
    plan: Plan<'p>,
    /// What the lint allows: drops verification accepts, losses the guard accepts.
    allowed: lint::Allowed,
    /// The server's `server_version_num` (0 when nothing is pending: not read).
    server_version_num: i32,
}

/// Adopt a database that Alembic migrated, plan, and lint the pending migrations against the
/// database as it is. The expected schema file is parsed here when anything is pending, so a
/// malformed one changes nothing.
async fn decide<'p>(
    client: &mut Client,
    project: &'p Project,
    applied: Vec<history::Applied>,
    previous: &Previous,
    options: &DeployOptions,
    out: &Reporter,
) -> Result<Decided<'p>> {
    // Adoption writes the history, so the fingerprint read before it can only miss, never match.
    let had_history = !applied.is_empty();
    let applied = alembic::adopt(
        client,
        project.alembic.as_ref(),
        &project.alembic_path(),
        &project.migrations,
        applied,
        options.dry_run,
        out,
    )
    .await?;
    let plan = plan::plan(
        &project.migrations,
        &applied,
        previous.unfinished.as_ref(),
        options.backup,
        out,
    )?;
    if plan.pending.is_empty() {
        refresh_checksums(client, project, &applied, options, out).await?;
        return Ok(Decided {
            plan,
            allowed: lint::Allowed::default(),
            server_version_num: 0,
        });
    }
    if let Some(expected) = &project.expected {
        expected.schema()?;
    }
    let version = database::server_version_num(client).await?;
    let allowed = lint::judge_pending(
        client,
        &plan.pending,
        &project.policy,
        version,
        Unparsable::Warn,
        out,
    )
    .await
    .map_err(|e| match e {
        // The adoption was committed before the lint, and stays: say so, not "nothing changed".
        Error::LintRefused { findings, .. } if !had_history && !options.dry_run => {
            let newest = applied.iter().map(|a| a.version).max();
            Error::LintRefused {
                findings,
                kept: newest.map(|v| {
                    format!(
                        "the adoption of the Alembic database, which recorded versions up to {v} as applied, was committed and is kept"
                    )
                }),
            }
        }
        e => e,
    })?;
    refresh_checksums(client, project, &applied, options, out).await?;
    Ok(Decided {
        plan,
        allowed,
        server_version_num: version,
    })
}

/// Record the new refinery checksum of applied files changed only in comments (or, dry, say
/// that a deploy will). Only once the history agrees with the files and the lint passed: a
/// refused deploy writes nothing.
async fn refresh_checksums(
    client: &mut Client,
    project: &Project,
    applied: &[history::Applied],
    options: &DeployOptions,
    out: &Reporter,
) -> Result<()> {
    if options.dry_run {
        history::say_comment_only_edits(&project.migrations, applied, out);
        Ok(())
    } else {
        history::refresh_checksums(client, &project.migrations, applied, out).await
    }
}

fn print_dry_run(plan: &Plan, out: &Reporter) {
    if plan.pending.is_empty() {
        out.info("dry run: nothing pending");
        return;
    }
    for (m, how) in plan.describe() {
        out.info(&format!("dry run: would apply {} ({how})", m.file_name));
    }
    if let Some(note) = plan.step_note() {
        out.info(&format!("dry run: {note}"));
    }
    out.info(if plan.backup {
        "dry run: a backup would be taken first"
    } else {
        "dry run: no backup would be taken"
    });
}

/// A signal stopped the deploy: what it left behind, as the database now says. The history
/// tells whether a COMMIT got through first; the run log's marker tells whether a
/// no-transaction migration was stopped part-way.
async fn interrupted(client: &Client, signal: Received, run: &mut Run) -> Error {
    let applied = history::read(client).await.unwrap_or_default();
    if !applied.is_empty() {
        run.to_version = applied.iter().map(|a| a.version).max();
    }
    let is_recorded = |file: &str| {
        applied
            .iter()
            .any(|a| format!("V{}__{}.sql", a.version, a.name) == file)
    };
    run.unfinished = runs::marked_unfinished(client, run.started)
        .await
        .filter(|file| !is_recorded(file));
    let outcome = match (&run.unfinished, run.to_version > run.from_version) {
        (Some(file), _) => format!(
            "{file} runs outside the transaction and was stopped part-way; the next deploy stops until it is checked (see `schemagate status`, then `schemagate repair`)"
        ),
        (None, true) => format!(
            "the migrations committed before the signal stay applied (at version {})",
            run.to_version.unwrap_or_default()
        ),
        (None, false) => "rolled back, nothing was applied".into(),
    };
    signal.error(outcome)
}

/// The run's outcome, message and unfinished migration, from how it ended. A run refused
/// because an earlier one failed part-way keeps that earlier failure's message, so the cause
/// ("division by zero") is still there for the next person who looks.
fn settle(run: &mut Run, result: &Result<Outcome>, previous: &Previous) {
    let Err(e) = result else {
        if let Ok(outcome) = result {
            run.outcome = outcome.name().to_string();
        }
        run.message = None;
        run.unfinished = None;
        return;
    };
    run.outcome = format!("failed (exit {})", e.exit_code());
    run.message = Some(e.to_string());
    run.verified = None;
    match e {
        Error::PartiallyApplied { file, .. } => run.unfinished = Some(file.clone()),
        Error::History { problems } => {
            let refused = problems.iter().find_map(|p| match p {
                HistoryProblem::Unfinished { file, .. } => Some(file.clone()),
                _ => None,
            });
            if let (Some(_), Some((_, earlier))) = (&refused, &previous.unfinished) {
                run.message = Some(earlier.clone());
            }
            run.unfinished = refused;
        }
        // Set by `interrupted`, from the run log's marker.
        Error::Interrupted { .. } => {}
        _ => run.unfinished = None,
    }
}
