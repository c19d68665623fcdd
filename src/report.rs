//! What schemagate says while it works: short lines on stderr, or JSON lines.
//!
//! Progress goes to stderr so that stdout stays clean for `--json` answers and for the app
//! that replaces the process. The format is chosen once, at start-up, by [`init`].

use std::io::Write;
use std::sync::OnceLock;

use crate::config::LogFormat;

static FORMAT: OnceLock<LogFormat> = OnceLock::new();

/// Choose the output format for the rest of the process.
pub fn init(format: LogFormat) {
    let _ = FORMAT.set(format);
}

fn format() -> LogFormat {
    *FORMAT.get().unwrap_or(&LogFormat::Text)
}

fn emit(level: &str, message: &str) {
    let mut err = std::io::stderr().lock();
    let _ = match format() {
        LogFormat::Text if level == "info" => writeln!(err, "schemagate: {message}"),
        LogFormat::Text => writeln!(err, "schemagate: {level}: {message}"),
        LogFormat::Json => {
            let line = serde_json::json!({
                "time": crate::runs::now_rfc3339(),
                "level": level,
                "message": message,
            });
            writeln!(err, "{line}")
        }
    };
}

/// A progress line.
pub fn info(message: &str) {
    emit("info", message);
}

/// Something the user should look at; the run goes on.
pub fn warn(message: &str) {
    emit("warning", message);
}

/// The final error of a command, printed once.
pub fn error(message: &str) {
    emit("error", message);
}
