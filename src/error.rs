//! The one error type of schemagate and the exit codes of DESIGN.md.
//!
//! Every failure a user can meet ends here. Each variant maps to exactly one exit code in
//! [`Error::exit_code`], which matches every variant without a wildcard so that a new variant
//! forces a decision. `Display` is the message the operator reads: lowercase, the object named
//! first, the cause after a colon, and a hint line where the fix is known.

use std::path::PathBuf;
use std::time::Duration;

use crate::history::HistoryProblem;

/// Everything that can stop a schemagate command, one variant per documented outcome.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bug: something that should not happen whatever the input.
    #[error("internal error: {0}")]
    Internal(String),

    /// A usage or configuration mistake: a bad flag value, a bad URL, a bad config file.
    #[error("{0}")]
    Config(String),

    /// A file that could not be read or parsed (exit 2).
    #[error("{path}: {cause}")]
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
    ExpectedSchema(#[from] crate::schema::ExpectedError),

    /// The server did not answer within `--wait`, or refused us for good (bad role, no database).
    #[error("database {url} is unreachable: {cause}{}", hint_line(hint))]
    Unreachable {
        url: String,
        cause: String,
        hint: Option<String>,
    },

    /// A connection that worked, failed later outside any migration (exit 3).
    #[error("database query failed while {action}: {cause}")]
    Database { action: String, cause: String },

    /// Another session held the advisory lock for all of `--lock-wait`.
    #[error(
        "could not take the migration lock within {}: another schemagate (pid {holder}) is migrating this database\nhint: wait for it to finish, or raise --lock-wait",
        humantime(*waited)
    )]
    LockTimeout { waited: Duration, holder: String },

    /// The migration files and the history table disagree, or the files are misnamed.
    #[error("{}", history_message(problems))]
    History { problems: Vec<HistoryProblem> },

    /// Lint refused a pending migration; the findings were already printed.
    #[error("{0}")]
    LintRefused(String),

    /// The backup could not be taken or validated, so nothing was applied.
    #[error("backup failed, nothing was applied: {0}")]
    Backup(String),

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

    /// Verification failed; the transaction was rolled back (or see the message).
    #[error("{0}")]
    VerificationFailed(String),

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
    /// The process exit status for this error, from DESIGN.md's table.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Internal(_) => 1,
            Error::Config(_)
            | Error::File { .. }
            | Error::FileAt { .. }
            | Error::ExpectedSchema(_) => 2,
            Error::Unreachable { .. } | Error::Database { .. } => 3,
            Error::LockTimeout { .. } => 4,
            Error::History { .. } => 5,
            Error::LintRefused(_) => 6,
            Error::Backup(_) => 7,
            Error::MigrationFailed { .. } | Error::PartiallyApplied { .. } => 8,
            Error::VerificationFailed(_) => 9,
            Error::AppStart { .. } => 10,
            Error::Interrupted { code, .. } => *code,
        }
    }

    /// A database error outside a migration, with the server's own words.
    pub fn database(action: impl Into<String>, err: &tokio_postgres::Error) -> Error {
        Error::Database {
            action: action.into(),
            cause: crate::pg_error::describe(err),
        }
    }
}

/// `Result` with schemagate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

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

/// `1.5s`, `300s`, `2m` for messages.
pub fn humantime(d: Duration) -> String {
    let ms = d.as_millis();
    if !ms.is_multiple_of(1000) {
        format!("{}ms", ms)
    } else {
        format!("{}s", ms / 1000)
    }
}
