//! Resolved settings: flag, then environment, then `schemagate.toml`, then the default.
//!
//! [`crate::cli`] holds what the user typed; this module turns it into one [`Settings`] value
//! that every stage reads. Durations accept `500ms`, `10s`, `5m`, `1h` and a bare `0`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;

use crate::cli::SettingArgs;
use crate::connect::DbUrl;
use crate::error::{Error, Result};

/// How messages are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogFormat {
    /// Short human lines.
    Text,
    /// One JSON object per line, for log collectors.
    Json,
}

/// Every setting, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The database; `None` only for commands that need none (`new`, `lint FILES`).
    pub database_url: Option<DbUrl>,
    pub migrations: PathBuf,
    pub expected: PathBuf,
    pub backup_dir: PathBuf,
    pub keep_backups: usize,
    pub wait: Duration,
    pub lock_wait: Duration,
    pub lock_timeout: Duration,
    pub statement_timeout: Duration,
    pub lock_retries: u32,
    pub log_format: LogFormat,
    /// `no_backup = true` in the file; `deploy --no-backup` also sets it.
    pub no_backup: bool,
    /// The `[lint]` table of the file, rule name to level, checked by the lint stage.
    pub lint_levels: BTreeMap<String, String>,
}

/// `schemagate.toml`: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    migrations: Option<PathBuf>,
    expected: Option<PathBuf>,
    backup_dir: Option<PathBuf>,
    keep_backups: Option<usize>,
    wait: Option<String>,
    lock_wait: Option<String>,
    lock_timeout: Option<String>,
    statement_timeout: Option<String>,
    lock_retries: Option<u32>,
    log_format: Option<String>,
    no_backup: Option<bool>,
    #[serde(default)]
    lint: BTreeMap<String, String>,
}

/// The default configuration file, read when present in the working directory.
pub const DEFAULT_CONFIG_FILE: &str = "schemagate.toml";

impl Settings {
    /// Resolve every setting from the flags, the process environment and the config file.
    pub fn resolve(args: &SettingArgs) -> Result<Settings> {
        Settings::resolve_with(args, &|name| std::env::var(name).ok())
    }

    /// [`Settings::resolve`] with an explicit environment, for tests.
    pub fn resolve_with(
        args: &SettingArgs,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Settings> {
        let file = match &args.config {
            Some(path) => read_file(path)?,
            None if Path::new(DEFAULT_CONFIG_FILE).exists() => {
                read_file(Path::new(DEFAULT_CONFIG_FILE))?
            }
            None => FileSettings::default(),
        };
        let env_path = |name: &str| env(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let env_str = |name: &str| env(name).filter(|v| !v.is_empty());

        let url_text = args
            .database_url
            .clone()
            .or_else(|| env_str("DATABASE_URL"))
            .or(file.database_url);
        let database_url = url_text.map(|u| DbUrl::parse(&u)).transpose()?;

        let migrations = args
            .migrations
            .clone()
            .or_else(|| env_path("SCHEMAGATE_MIGRATIONS"))
            .or(file.migrations)
            .unwrap_or_else(|| PathBuf::from("migrations"));
        let expected = args
            .expected
            .clone()
            .or_else(|| env_path("SCHEMAGATE_EXPECTED"))
            .or(file.expected)
            .unwrap_or_else(|| migrations.join("expected_schema.toml"));
        let backup_dir = args
            .backup_dir
            .clone()
            .or_else(|| env_path("SCHEMAGATE_BACKUP_DIR"))
            .or(file.backup_dir)
            .unwrap_or_else(|| PathBuf::from("backups"));

        let keep_backups = match args.keep_backups {
            Some(n) => n,
            None => match env_str("SCHEMAGATE_KEEP_BACKUPS") {
                Some(v) => v.parse().map_err(|_| {
                    Error::Config(format!(
                        "SCHEMAGATE_KEEP_BACKUPS: expected a whole number, got {v:?}"
                    ))
                })?,
                None => file.keep_backups.unwrap_or(10),
            },
        };
        let lock_retries = match args.lock_retries {
            Some(n) => n,
            None => match env_str("SCHEMAGATE_LOCK_RETRIES") {
                Some(v) => v.parse().map_err(|_| {
                    Error::Config(format!(
                        "SCHEMAGATE_LOCK_RETRIES: expected a whole number, got {v:?}"
                    ))
                })?,
                None => file.lock_retries.unwrap_or(3),
            },
        };

        let duration =
            |flag: &Option<String>, var: &str, from_file: &Option<String>, default: &str| {
                let (origin, text) = match (flag, env_str(var), from_file) {
                    (Some(v), _, _) => (format!("--{}", flag_name(var)), v.clone()),
                    (None, Some(v), _) => (var.to_string(), v),
                    (None, None, Some(v)) => (
                        format!(
                            "{DEFAULT_CONFIG_FILE}: {}",
                            flag_name(var).replace('-', "_")
                        ),
                        v.clone(),
                    ),
                    (None, None, None) => ("default".to_string(), default.to_string()),
                };
                let d = parse_duration(&text)
                    .map_err(|cause| Error::Config(format!("{origin}: {cause}")))?;
                // lock_timeout and statement_timeout are PostgreSQL integer milliseconds: a
                // longer value would only fail at `SET LOCAL`, after the lint and the backup.
                if var.ends_with("_TIMEOUT") && d.as_millis() > i32::MAX as u128 {
                    return Err(Error::Config(format!(
                        "{origin}: at most 2147483647ms (about 24 days), PostgreSQL's limit"
                    )));
                }
                Ok(d)
            };

        let log_format_text = args
            .log_format
            .clone()
            .or_else(|| env_str("SCHEMAGATE_LOG_FORMAT"))
            .or(file.log_format)
            .unwrap_or_else(|| "text".to_string());
        let log_format = match log_format_text.as_str() {
            "text" => LogFormat::Text,
            "json" => LogFormat::Json,
            other => {
                return Err(Error::Config(format!(
                    "--log-format: expected text or json, got {other:?}"
                )));
            }
        };

        Ok(Settings {
            database_url,
            migrations,
            expected,
            backup_dir,
            keep_backups,
            wait: duration(&args.wait, "SCHEMAGATE_WAIT", &file.wait, "60s")?,
            lock_wait: duration(
                &args.lock_wait,
                "SCHEMAGATE_LOCK_WAIT",
                &file.lock_wait,
                "300s",
            )?,
            lock_timeout: duration(
                &args.lock_timeout,
                "SCHEMAGATE_LOCK_TIMEOUT",
                &file.lock_timeout,
                "10s",
            )?,
            statement_timeout: duration(
                &args.statement_timeout,
                "SCHEMAGATE_STATEMENT_TIMEOUT",
                &file.statement_timeout,
                "0",
            )?,
            lock_retries,
            log_format,
            no_backup: file.no_backup.unwrap_or(false),
            lint_levels: file.lint,
        })
    }

    /// The database URL, or the configuration error that says how to give one.
    pub fn require_database(&self) -> Result<&DbUrl> {
        self.database_url.as_ref().ok_or_else(|| {
            Error::Config(
                "no database given: set DATABASE_URL or pass --database-url postgres://user@host/db"
                    .to_string(),
            )
        })
    }
}

fn flag_name(var: &str) -> String {
    var.trim_start_matches("SCHEMAGATE_")
        .to_lowercase()
        .replace('_', "-")
}

fn read_file(path: &Path) -> Result<FileSettings> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::File {
        path: path.to_path_buf(),
        cause: format!("cannot read the configuration file: {e}"),
    })?;
    toml::from_str(&text).map_err(|e| Error::File {
        path: path.to_path_buf(),
        cause: toml_error(&text, &e),
    })
}

/// `line N: message` from a toml error, for messages that name the line.
pub fn toml_error(text: &str, err: &toml::de::Error) -> String {
    let message = err.message().trim().to_string();
    match err.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

/// Parse `500ms`, `10s`, `5m`, `1h`, or `0`.
pub fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    let t = text.trim();
    if t == "0" {
        return Ok(Duration::ZERO);
    }
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("expected a duration such as 500ms, 10s or 5m, got {text:?}"))?;
    let too_long = || format!("{text:?} is too long a duration");
    let d = match unit.trim() {
        "ms" => Duration::from_millis(n),
        "s" | "" => Duration::from_secs(n),
        "m" | "min" => Duration::from_secs(n.checked_mul(60).ok_or_else(too_long)?),
        "h" => Duration::from_secs(n.checked_mul(3600).ok_or_else(too_long)?),
        _ => {
            return Err(format!(
                "expected a duration such as 500ms, 10s or 5m, got {text:?}"
            ));
        }
    };
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("60s"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("9999999999999999999h").is_err());
    }

    #[test]
    fn flag_beats_env_beats_default() {
        let env = |name: &str| match name {
            "SCHEMAGATE_WAIT" => Some("5s".to_string()),
            "SCHEMAGATE_LOCK_WAIT" => Some("7s".to_string()),
            _ => None,
        };
        let args = SettingArgs {
            wait: Some("2s".to_string()),
            config: Some(PathBuf::from("/nonexistent-is-not-read-because-it-errors")),
            ..SettingArgs::default()
        };
        // An explicit --config that is missing is an error naming the file.
        let err = Settings::resolve_with(&args, &env).unwrap_err();
        assert_eq!(err.exit_code(), 2);

        let args = SettingArgs {
            wait: Some("2s".to_string()),
            ..SettingArgs::default()
        };
        let s = Settings::resolve_with(&args, &env).unwrap();
        assert_eq!(s.wait, Duration::from_secs(2));
        assert_eq!(s.lock_wait, Duration::from_secs(7));
        assert_eq!(s.lock_timeout, Duration::from_secs(10));
        assert_eq!(s.expected, PathBuf::from("migrations/expected_schema.toml"));
    }
}
