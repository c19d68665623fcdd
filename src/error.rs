//! The one error type of schemagate and the exit codes of the README's table.
//!
//! Every failure a user can meet ends here. Each variant maps to exactly one exit code in
//! [`Error::exit_code`], which matches every variant without a wildcard so that a new variant
//! forces a decision. `Display` is the message the operator reads: lowercase, the object named
//! first, the cause after a colon, and a hint line where the fix is known. Stage errors
//! ([`BackupError`], [`ExpectedError`], lint and verification findings) arrive as data and are
//! rendered here, once.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use crate::backup::error::BackupError;
use crate::history::problem::HistoryProblem;
use crate::lint::finding::Finding as LintFinding;
use crate::report::OutputError;
use crate::schema::expected::ExpectedError;
use crate::text;
use crate::url::UrlError;
use crate::verify::finding::Finding as SchemaFinding;

/// Everything that can stop a schemagate command, one variant per documented outcome.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bug: something that should not happen whatever the input.
    #[error("internal error: {0:#}")]
    Internal(anyhow::Error),

    /// A usage or configuration mistake: a bad flag value, a bad config file setting.
    #[error("{0}")]
    Config(String),

    /// The database URL cannot be used.
    #[error(transparent)]
    Url(#[from] UrlError),

    /// A file that could not be read or parsed (exit 2).
    #[error("{}: {cause}", path.display())]
    File { path: PathBuf, cause: String },

    /// A file that could not be used because of what is on one of its lines (exit 2).
    #[error("{}:{line}: {cause}", path.display())]
    FileAt {
        path: PathBuf,
        /// 1-based.
        line: usize,
        cause: String,
    },

    /// The expected schema file could not be read or makes no sense (exit 2); its own
    /// message names the file and the line.
    #[error(transparent)]
    ExpectedSchema(#[from] ExpectedError),

    /// An answer could not be written to stdout.
    #[error(transparent)]
    Output(#[from] OutputError),

    /// The server did not answer within `--wait`, or refused us for good (bad role, no database).
    #[error("database {url} is unreachable: {cause}{}", hint_line(hint))]
    Unreachable {
        url: String,
        cause: String,
        hint: Option<String>,
    },

    /// A connection pooler in between that cannot carry a deploy (transaction mode), or that
    /// refused or broke a request: its own message, never "unreachable" (exit 2: the fix is
    /// the URL, or the pooler's settings).
    #[error("{}{problem}\nhint: {hint}", url.as_ref().map(|u| format!("database {u}: ")).unwrap_or_default())]
    Pooler {
        url: Option<String>,
        problem: String,
        hint: String,
    },

    /// A connection that worked, failed later outside any migration (exit 3).
    #[error("database query failed while {action}: {cause}")]
    Database { action: String, cause: String },

    /// Another session held the advisory lock for all of `--lock-wait`.
    #[error(
        "could not take the migration lock within {}: another schemagate (pid {holder}) is migrating this database\nhint: wait for it to finish, or raise --lock-wait",
        text::duration(*waited)
    )]
    LockTimeout { waited: Duration, holder: String },

    /// The migration files and the history table disagree, or the files are misnamed.
    #[error("{}", history_message(problems))]
    History { problems: Vec<HistoryProblem> },

    /// Lint refused pending migrations (or the linted files): the refusing findings.
    #[error("{}", lint_message(findings, kept))]
    LintRefused {
        findings: Vec<LintFinding>,
        /// What this deploy committed before the lint, and stays: the adoption of a database
        /// Alembic migrated (`None`: nothing changed).
        kept: Option<String>,
    },

    /// The backup before a deploy could not be taken or validated, so nothing was applied.
    #[error("backup failed, nothing was applied: {0}")]
    Backup(BackupError),

    /// `schemagate backup` could not take or validate its backup.
    #[error("backup failed: {0}")]
    BackupNow(BackupError),

    /// `schemagate backups` could not list the backup directory.
    #[error("cannot list the backups: {0}")]
    Backups(BackupError),

    /// `schemagate restore` failed.
    #[error("restore failed: {0}")]
    Restore(BackupError),

    /// `schemagate restore` failed; `outcome` says what the database holds after it (rolled
    /// back, or not known when the COMMIT itself failed).
    #[error("restore failed: {cause}\n{outcome}")]
    RestoreFailed { cause: String, outcome: String },

    /// A migration failed; the transaction was rolled back.
    #[error("{location}: {cause}{}\nrolled back: {rolled_back}", hint_line(hint))]
    MigrationFailed {
        /// `V3__add_email.sql:12:5`, or just the file name when the position is unknown.
        location: String,
        cause: String,
        hint: Option<String>,
        /// What the user should know about the state after the failure.
        rolled_back: String,
    },

    /// A no-transaction migration failed after some of its statements ran; they stay applied
    /// and the next deploy refuses to go on until a person looks.
    #[error(
        "{location}: {cause}{}\n{file} runs outside the transaction: statements 1 to {ran} of {total} ran and stay applied; it is not recorded as applied\nhint: look at the database, then fix forward with a new migration, or run `schemagate repair` to let the next deploy retry it",
        hint_line(hint)
    )]
    PartiallyApplied {
        location: String,
        cause: String,
        hint: Option<String>,
        file: String,
        ran: usize,
        total: usize,
    },

    /// The schema is not what the expected file says (or a table vanished).
    #[error("{0}")]
    VerificationFailed(VerificationFailure),

    /// The application could not be started after a successful deploy.
    #[error("could not start {program}: {cause}\nthe migrations stay applied")]
    AppStart { program: String, cause: String },

    /// A signal stopped the command; `outcome` says what was left behind.
    #[error("interrupted by {signal}: {outcome}")]
    Interrupted {
        signal: &'static str,
        code: i32,
        outcome: String,
    },
}

impl Error {
    /// The process exit status for this error, from the README's table.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Internal(_) => 1,
            Error::Config(_)
            | Error::Url(_)
            | Error::File { .. }
            | Error::FileAt { .. }
            | Error::ExpectedSchema(_)
            | Error::Pooler { .. } => 2,
            // A reader that went away ended the answer early: that is how `| head` works.
            Error::Output(OutputError::Closed) => 0,
            Error::Output(OutputError::Failed(_)) => 2,
            Error::Unreachable { .. } | Error::Database { .. } => 3,
            Error::LockTimeout { .. } => 4,
            Error::History { .. } => 5,
            Error::LintRefused { .. } => 6,
            Error::Backup(_)
            | Error::BackupNow(_)
            | Error::Backups(_)
            | Error::Restore(_)
            | Error::RestoreFailed { .. } => 7,
            Error::MigrationFailed { .. } | Error::PartiallyApplied { .. } => 8,
            Error::VerificationFailed(_) => 9,
            Error::AppStart { .. } => 10,
            Error::Interrupted { code, .. } => *code,
        }
    }

    /// A database error outside a migration, with the server's own words.
    pub fn database(action: impl Into<String>, err: &tokio_postgres::Error) -> Error {
        if let Some(problem) = crate::pooler::said::pooler_problem(err) {
            return Error::Pooler {
                url: None,
                problem: format!("{problem} (while {})", action.into()),
                hint: crate::pooler::said::POOLER_HINT.into(),
            };
        }
        Error::Database {
            action: action.into(),
            cause: crate::pg_error::describe(err),
        }
    }

    /// A bug, with what was being done when it happened.
    pub fn internal(context: impl fmt::Display) -> Error {
        Error::Internal(anyhow::anyhow!("{context}"))
    }
}

/// `Result` with schemagate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A verification that found errors, and what its failure means for the database.
#[derive(Debug)]
pub struct VerificationFailure {
    /// The findings that fail it.
    pub findings: Vec<SchemaFinding>,
    /// Where it ran.
    pub context: VerificationContext,
}

/// Where a failed verification ran, which decides what its failure left behind.
#[derive(Debug)]
pub enum VerificationContext {
    /// Inside a step's transaction, before COMMIT: that step rolled back; `committed` are the
    /// pending migrations earlier steps committed (read back from the history).
    BeforeCommit {
        pending: Vec<String>,
        committed: Vec<String>,
    },
    /// After no-transaction migrations, which stay applied.
    AfterCommit { pending: Vec<String> },
    /// `verify`: the live database against the file (the findings were printed).
    Live { expected: PathBuf },
    /// `check`: a scratch database built from the files against the file. `vanished`: for
    /// each table or column the file has and the migrations no longer build, which migration
    /// removed it; `unmarked`: whether one of those removals is not marked as intended.
    Check {
        expected: PathBuf,
        vanished: Vec<String>,
        unmarked: bool,
    },
    /// `baseline VERSION`: the live database against what those migrations build.
    Baseline { version: i32, source: String },
}

impl fmt::Display for VerificationFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let findings = |f: &mut fmt::Formatter<'_>| {
            self.findings
                .iter()
                .try_for_each(|finding| write!(f, "\n  {finding}"))
        };
        let pending = |f: &mut fmt::Formatter<'_>, pending: &[String]| {
            if pending.is_empty() {
                Ok(())
            } else {
                write!(f, "\npending migrations: {}", text::names(pending))
            }
        };
        match &self.context {
            VerificationContext::BeforeCommit {
                pending: names,
                committed,
            } => {
                if committed.is_empty() {
                    f.write_str("verification failed, rolled back, nothing was applied:")?;
                } else {
                    write!(
                        f,
                        "verification failed, rolled back {}; earlier steps stay applied ({}):",
                        text::names(names),
                        text::names(committed)
                    )?;
                }
                findings(f)?;
                pending(f, names)?;
                let guarded = self
                    .findings
                    .iter()
                    .all(|finding| matches!(finding, SchemaFinding::LostRows { .. }));
                if guarded && let Some(hint) = self.findings.first().and_then(SchemaFinding::hint) {
                    write!(f, "\nhint: {hint}")
                } else {
                    f.write_str("\nhint: fix the migration, or update the expected schema (schemagate snapshot) if the change is intended")
                }
            }
            VerificationContext::AfterCommit { pending: names } => {
                f.write_str("verification failed after the no-transaction migrations; the migrations stay applied:")?;
                findings(f)?;
                pending(f, names)?;
                f.write_str("\nhint: fix forward with a new migration, or update the expected schema (schemagate snapshot) if the change is intended")
            }
            VerificationContext::Live { expected } => {
                write!(f, "the database does not match {}", expected.display())
            }
            VerificationContext::Check {
                expected,
                vanished,
                unmarked,
            } => {
                write!(f, "{} does not match the migrations", expected.display())?;
                for line in vanished {
                    write!(f, "\n  {line}")?;
                }
                if *unmarked {
                    f.write_str("\nhint: mark each removal above as intended (`-- squawk-ignore RULE` on the line before it) before re-snapshotting: a deploy refuses it otherwise; then run `schemagate snapshot` and commit the file")
                } else {
                    f.write_str("\nhint: run `schemagate snapshot` and commit the file if the change is intended")
                }
            }
            VerificationContext::Baseline { version, source } => {
                write!(
                    f,
                    "baseline {version}: the live schema does not satisfy {source}, nothing recorded:"
                )?;
                findings(f)?;
                f.write_str("\nhint: make the database match (or fix the migrations), or pass --force to record anyway")
            }
        }
    }
}

fn hint_line(hint: &Option<String>) -> String {
    match hint {
        Some(h) => format!("\nhint: {h}"),
        None => String::new(),
    }
}

fn history_message(problems: &[HistoryProblem]) -> String {
    let mut out =
        String::from("the migration history does not match the files, nothing was changed:");
    for p in problems {
        out.push_str("\n  ");
        out.push_str(&p.to_string());
    }
    if let Some(hint) = problems.iter().find_map(HistoryProblem::hint) {
        out.push_str("\nhint: ");
        out.push_str(hint);
    }
    out
}

fn lint_message(findings: &[LintFinding], kept: &Option<String>) -> String {
    let lines: Vec<String> = findings.iter().map(|f| f.to_string()).collect();
    let changed = match kept {
        None => "nothing was changed".to_string(),
        Some(kept) => format!("no migration was applied ({kept})"),
    };
    format!(
        "lint refused {} statement(s), {changed}:\n{}",
        findings.len(),
        lines.join("\n")
    )
}
