//! What schemagate says while it works, through a [`Reporter`] that every stage is handed.
//!
//! Progress, warnings and the final error go to stderr, as short lines or as JSON lines, so
//! stdout stays clean for the answers of `status`, `plan` and `--json`, and for the app that
//! replaces the process. Answers go to stdout through [`Reporter::out`], which turns a reader
//! that went away (`status | head -1`) into a quiet end and a full disk into an error, never a
//! panic. A new output format is a new [`Format`], not a change in every stage.
//!
//! Findings (a lint finding, a difference the verification found) are plain data and are
//! rendered here, once per format: in text a warning is a line and a refusing finding is left
//! to the error that ends the command; in JSON each is one object with its fields; for GitHub
//! Actions each is a workflow command (`::error file=...,line=...,col=...::message`) that the
//! runner turns into an annotation on the file and line of the pull request.

use std::io::Write;
use std::path::Path;

use crate::lint::finding::Finding as LintFinding;
use crate::lint::policy::Level;
use crate::verify::finding::Finding as SchemaFinding;

/// How messages are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Short human lines, `schemagate: ...`.
    Text,
    /// One JSON object per line (`time`, `level`, `message`, and a finding's fields), for log
    /// collectors.
    Json,
    /// Text, with warnings, errors and findings as GitHub Actions workflow commands, which the
    /// runner shows as annotations (it reads them from stderr as from stdout).
    Github,
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

    /// A lint finding: a warning is shown in every format; a refusing one only where each
    /// finding is its own record (JSON, GitHub), since in text the error that ends the command
    /// lists them; an `info` one only in JSON.
    pub fn lint_finding(&self, f: &LintFinding) {
        let level = match f.level {
            Level::Deny => "error",
            Level::Warn => "warning",
            Level::Info => "info",
            Level::Off => return,
        };
        match self.format {
            Format::Text if f.level == Level::Warn => self.emit("warning", &f.to_string()),
            Format::Text => {}
            Format::Json => {
                let mut value = lint_finding_json(f);
                if let Some(map) = value.as_object_mut() {
                    map.insert("time".into(), crate::text::now_rfc3339().into());
                }
                self.record(value);
            }
            Format::Github if f.level == Level::Info => {}
            Format::Github => {
                let mut message = f.message.clone();
                if !f.statement.is_empty() {
                    message.push_str(&format!("\n  {}", f.statement));
                }
                if let Some(help) = &f.help {
                    message.push_str(&format!("\nhint: {help}"));
                }
                self.annotation(
                    level,
                    Some((&f.path, Some(f.line), Some(f.column))),
                    &f.rule,
                    &message,
                );
            }
        }
    }

    /// A difference the verification found (or the guard's loss of rows), as its own record:
    /// in JSON and as a GitHub annotation; in text the command's answer and error already say
    /// it. `error`: whether it fails the command; `file`: the expected schema file, and the
    /// line of the entry it is about when known.
    pub fn schema_finding(
        &self,
        f: &SchemaFinding,
        error: bool,
        file: Option<(&Path, Option<usize>)>,
    ) {
        let level = if error { "error" } else { "warning" };
        let path = file.map(|(p, _)| p.display().to_string());
        let line = file.and_then(|(_, l)| l);
        match self.format {
            // The commands write these as their text answer already.
            Format::Text => {}
            Format::Json => {
                let mut value = serde_json::json!({
                    "time": crate::text::now_rfc3339(),
                    "level": level,
                    "file": path,
                    "line": line,
                    "message": f.to_string(),
                    "hint": f.hint(),
                });
                if let (Some(map), Ok(serde_json::Value::Object(fields))) =
                    (value.as_object_mut(), serde_json::to_value(f))
                {
                    map.insert("finding".into(), serde_json::Value::Object(fields));
                }
                self.record(value);
            }
            Format::Github => {
                let mut message = f.to_string();
                if let Some(hint) = f.hint() {
                    message.push_str(&format!("\nhint: {hint}"));
                }
                let at = path.as_deref().map(|p| (p, line, None));
                self.annotation(level, at, f.kind(), &message);
            }
        }
    }

    /// A line on stderr with no prefix, for a progress display that rewrites its own line.
    pub fn raw_progress(&self, text: &str) {
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "{text}").and_then(|_| err.flush());
    }

    fn record(&self, value: serde_json::Value) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{value}");
    }

    /// A GitHub Actions workflow command: `::error file=F,line=L,col=C,title=T::message`.
    fn annotation(
        &self,
        level: &str,
        at: Option<(&str, Option<usize>, Option<usize>)>,
        title: &str,
        message: &str,
    ) {
        let mut properties = Vec::new();
        if let Some((file, line, column)) = at {
            properties.push(format!("file={}", github_property(file)));
            if let Some(line) = line {
                properties.push(format!("line={line}"));
            }
            if let Some(column) = column {
                properties.push(format!("col={column}"));
            }
        }
        if !title.is_empty() {
            properties.push(format!("title={}", github_property(title)));
        }
        let mut err = std::io::stderr().lock();
        let _ = writeln!(
            err,
            "::{level} {}::{}",
            properties.join(","),
            github_data(message)
        );
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
            Format::Text | Format::Github if level == "info" => {
                writeln!(err, "schemagate: {message}")
            }
            Format::Text => writeln!(err, "schemagate: {level}: {message}"),
            Format::Github => writeln!(err, "::{level}::{}", github_data(message)),
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

/// A lint finding as JSON: `rule`, `level` (`deny`, `warn`, `info`), `file` (as the command
/// found it), `line`, `column`, `message`, `statement`, `hint`.
pub fn lint_finding_json(f: &LintFinding) -> serde_json::Value {
    serde_json::json!({
        "rule": f.rule,
        "level": f.level.to_string(),
        "file": f.path,
        "line": f.line,
        "column": f.column,
        "message": f.message,
        "statement": f.statement,
        "hint": f.help,
    })
}

/// A workflow command's message: `%`, CR and LF escaped, as the runner reads them.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value: also `:` and `,`.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_escapes() {
        assert_eq!(github_data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(github_property("a:b,c"), "a%3Ab%2Cc");
    }
}
