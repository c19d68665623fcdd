//! What schemagate says while it works, through a [`Reporter`] that every stage is handed.
//!
//! Progress, warnings and the final error go to stderr, as short lines or as JSON lines, so
//! stdout stays clean for the answers of `status`, `plan` and `--json`, and for the app that
//! replaces the process. Answers go to stdout through [`Reporter::out`], which turns a reader
//! that went away (`status | head -1`) into a quiet end and a full disk into an error, never a
//! panic. A new output format is a new [`Format`], not a change in every stage.

use std::io::Write;

/// How messages are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Short human lines, `schemagate: ...`.
    Text,
    /// One JSON object per line (`time`, `level`, `message`), for log collectors.
    Json,
}

/// Where a command's words go. Cheap to copy, so it crosses into the threads that run
/// `pg_dump`.
#[derive(Debug, Clone, Copy)]
pub struct Reporter {
    format: Format,
    /// What every line is about, when it is not the user's database: "scratch database".
    about: Option<&'static str>,
}

/// Why an answer could not be written to stdout.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The reader went away (`schemagate status | head -1`): a normal end, not a failure.
    #[error("stdout was closed")]
    Closed,
    /// Anything else: a full disk, a revoked terminal.
    #[error("cannot write to stdout: {0}")]
    Failed(std::io::Error),
}

impl Reporter {
    /// A reporter writing in `format`.
    pub fn new(format: Format) -> Reporter {
        Reporter {
            format,
            about: None,
        }
    }

    /// The same reporter, each progress line saying what it is about: the progress of a scratch
    /// database must not read as if it changed the user's.
    pub fn about(self, what: &'static str) -> Reporter {
        Reporter {
            about: Some(what),
            ..self
        }
    }

    /// The format it writes in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// A progress line.
    pub fn info(&self, message: &str) {
        self.emit("info", message);
    }

    /// Something the user should look at; the command goes on.
    pub fn warn(&self, message: &str) {
        self.emit("warning", message);
    }

    /// The final error of a command, printed once.
    pub fn error(&self, message: &str) {
        self.emit("error", message);
    }

    /// An answer on stdout, followed by a newline.
    pub fn out(&self, text: &str) -> Result<(), OutputError> {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{text}")
            .and_then(|_| out.flush())
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::BrokenPipe => OutputError::Closed,
                _ => OutputError::Failed(e),
            })
    }

    /// A line on stderr with no prefix, for a progress display that rewrites its own line.
    pub fn raw_progress(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{text}").and_then(|_| err.flush());
    }

    fn emit(&self, level: &str, message: &str) {
        let scoped;
        let message = match self.about {
            Some(about) => {
                scoped = format!("{about}: {message}");
                scoped.as_str()
            }
            None => message,
        };
        // stderr that cannot be written to has nobody reading it: there is no one to tell.
        let mut err = std::io::stderr().lock();
        let _ = match self.format {
            Format::Text if level == "info" => writeln!(err, "schemagate: {message}"),
            Format::Text => writeln!(err, "schemagate: {level}: {message}"),
            Format::Json => {
                let line = serde_json::json!({
                    "time": crate::text::now_rfc3339(),
                    "level": level,
                    "message": message,
                });
                writeln!(err, "{line}")
            }
        };
    }
}
