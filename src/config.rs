//! Resolved settings: the flag, then its environment variable, then `schemagate.toml`, then the
//! default.
//!
//! [`crate::cli`] is the one table of settings (flag, variable, default, help); clap reads the
//! flag and the variable. This module puts the configuration file in between, parses every value
//! once, and names where a bad one came from (`--wait`, `SCHEMAGATE_WAIT`, `schemagate.toml:
//! wait` or the default), so the message points at what to fix. Durations are humantime's
//! (`500ms`, `10s`, `1m30s`, a bare `0`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::ArgMatches;
use clap::parser::ValueSource;
use serde::Deserialize;

use crate::backup::{BucketUrl, ScopeSetting};
use crate::error::{Error, Result};
use crate::lint::{Level, LintPolicy};
use crate::report::Format;
use crate::url::DbUrl;

/// Every setting, resolved.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The database schemagate works on: the direct URL when one is given (`--direct-url`),
    /// else the database URL; `None` only for commands that need none (`new`, `lint FILES`).
    pub database_url: Option<DbUrl>,
    pub migrations: PathBuf,
    pub expected: PathBuf,
    /// The backup directory; when `backup_bucket` is set, its `s3://` URL (for messages only).
    pub backup_dir: PathBuf,
    /// `--backup-dir s3://bucket/prefix`: backups go to object storage.
    pub backup_bucket: Option<BucketUrl>,
    /// `backup_scope`: what the backup before a deploy holds.
    pub backup_scope: ScopeSetting,
    pub keep_backups: usize,
    pub wait: Duration,
    pub lock_wait: Duration,
    pub lock_timeout: Duration,
    pub statement_timeout: Duration,
    pub lock_retries: u32,
    pub log_format: Format,
    /// The largest share of a table's rows (0.0 to 1.0) a deploy may lose without a statement
    /// marked as intended; `None`: the guard is off.
    pub max_row_loss: Option<f64>,
    /// `no_backup = true` in the file (`deploy --no-backup` is deploy's own flag).
    pub no_backup: bool,
    /// The rule levels: the defaults, then the file's `[lint]` table.
    pub lint_policy: LintPolicy,
}

/// `schemagate.toml`: every key optional, unknown keys refused.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSettings {
    database_url: Option<String>,
    direct_url: Option<String>,
    migrations: Option<PathBuf>,
    expected: Option<PathBuf>,
    backup_dir: Option<PathBuf>,
    backup_scope: Option<String>,
    keep_backups: Option<usize>,
    wait: Option<String>,
    lock_wait: Option<String>,
    lock_timeout: Option<String>,
    statement_timeout: Option<String>,
    lock_retries: Option<u32>,
    log_format: Option<String>,
    max_row_loss: Option<String>,
    no_backup: Option<bool>,
    #[serde(default)]
    lint: std::collections::BTreeMap<String, String>,
}

/// The default configuration file, read when present in the working directory.
pub const DEFAULT_CONFIG_FILE: &str = "schemagate.toml";

/// Where a value came from, for the message about a bad one.
enum Origin<'a> {
    Flag(&'a str),
    Env(String),
    File(&'a Path, &'a str),
    Default,
}

impl std::fmt::Display for Origin<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Flag(id) => write!(f, "--{}", id.replace('_', "-")),
            Origin::Env(var) => f.write_str(var),
            Origin::File(path, key) => write!(f, "{}: {key}", path.display()),
            Origin::Default => f.write_str("the default"),
        }
    }
}

/// The command line's values and the configuration file, read together.
struct Sources<'a> {
    matches: &'a ArgMatches,
    command: &'a clap::Command,
    file_path: &'a Path,
}

impl Sources<'_> {
    /// The value of setting `id`: the flag or its variable when set (an empty variable counts
    /// as unset, as a shell's `VAR=` means), else the file's `from_file`, else the default.
    fn pick<'s>(&'s self, id: &'s str, from_file: Option<String>) -> Option<(Origin<'s>, String)> {
        let given = self.matches.get_raw(id).and_then(|mut v| v.next());
        let text = given.map(|v| v.to_string_lossy().into_owned());
        match (self.matches.value_source(id), text) {
            (Some(ValueSource::CommandLine), Some(text)) => Some((Origin::Flag(id), text)),
            (Some(ValueSource::EnvVariable), Some(text)) if !text.is_empty() => {
                Some((Origin::Env(self.env_name(id)), text))
            }
            _ => match from_file {
                Some(text) => Some((Origin::File(self.file_path, id), text)),
                None => self.default(id).map(|text| (Origin::Default, text)),
            },
        }
    }

    fn arg(&self, id: &str) -> Option<&clap::Arg> {
        self.command.get_arguments().find(|a| a.get_id() == id)
    }

    fn env_name(&self, id: &str) -> String {
        self.arg(id)
            .and_then(|a| a.get_env())
            .map(|v| v.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    fn default(&self, id: &str) -> Option<String> {
        let arg = self.arg(id)?;
        let default = arg.get_default_values().first()?;
        Some(default.to_string_lossy().into_owned())
    }

    /// A setting parsed by `parse`, its errors naming where the value came from.
    fn parse<T>(
        &self,
        id: &str,
        from_file: Option<String>,
        parse: impl Fn(&str) -> std::result::Result<T, String>,
    ) -> Result<Option<T>> {
        self.pick(id, from_file)
            .map(|(origin, text)| parse(&text).map_err(|e| Error::Config(format!("{origin}: {e}"))))
            .transpose()
    }

    /// A setting that always has a value (it has a default).
    fn required<T>(
        &self,
        id: &str,
        from_file: Option<String>,
        parse: impl Fn(&str) -> std::result::Result<T, String>,
    ) -> Result<T> {
        self.parse(id, from_file, parse)?
            .ok_or_else(|| Error::internal(format!("setting {id} has no default")))
    }
}

impl Settings {
    /// Resolve every setting from the parsed command line (`matches` of `command`), the
    /// process environment (through clap) and the configuration file.
    pub fn resolve(matches: &ArgMatches, command: &clap::Command) -> Result<Settings> {
        let explicit = matches.get_one::<PathBuf>("config");
        let file_path = explicit
            .cloned()
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG_FILE));
        let file = match explicit {
            Some(path) => read_file(path)?,
            None if file_path.exists() => read_file(&file_path)?,
            None => FileSettings::default(),
        };
        let s = Sources {
            matches,
            command,
            file_path: &file_path,
        };
        let path = |text: &str| Ok::<_, String>(PathBuf::from(text));
        let shown = |p: &Option<PathBuf>| p.as_ref().map(|p| p.to_string_lossy().into_owned());

        let database_url = s.parse("database_url", file.database_url.clone(), |text| {
            DbUrl::parse(text).map_err(|e| e.to_string())
        })?;
        // The app keeps DATABASE_URL (a pooled one, often); schemagate needs a session.
        let direct_url = s.parse("direct_url", file.direct_url.clone(), |text| {
            DbUrl::parse(text).map_err(|e| e.to_string())
        })?;
        let database_url = direct_url.or(database_url);
        let migrations = s.required("migrations", shown(&file.migrations), path)?;
        let expected = s
            .parse("expected", shown(&file.expected), path)?
            .unwrap_or_else(|| migrations.join("expected_schema.toml"));
        // A URL is a bucket, never a directory named `s3:` on the container's own disk.
        let bucket_env = std::env::var(crate::backup::bucket::BUCKET_NAME_ENV).ok();
        let (backup_dir, backup_bucket) = s.required(
            "backup_dir",
            shown(&file.backup_dir),
            |text| match BucketUrl::parse(text, bucket_env.as_deref())? {
                Some(url) => Ok((PathBuf::from(url.to_string()), Some(url))),
                None => Ok((PathBuf::from(text), None)),
            },
        )?;
        let backup_scope = s.required(
            "backup_scope",
            file.backup_scope.clone(),
            ScopeSetting::parse,
        )?;
        let keep_backups = s.required(
            "keep_backups",
            file.keep_backups.map(|n| n.to_string()),
            whole_number,
        )?;
        let lock_retries = s.required(
            "lock_retries",
            file.lock_retries.map(|n| n.to_string()),
            whole_number,
        )?;
        let log_format = s.required("log_format", file.log_format.clone(), |text| match text {
            "text" => Ok(Format::Text),
            "json" => Ok(Format::Json),
            "github" => Ok(Format::Github),
            other => Err(format!("expected text, json or github, got {other:?}")),
        })?;
        let max_row_loss = s.required("max_row_loss", file.max_row_loss.clone(), parse_share)?;
        Ok(Settings {
            database_url,
            migrations,
            expected,
            backup_dir,
            backup_bucket,
            backup_scope,
            keep_backups,
            wait: s.required("wait", file.wait.clone(), parse_duration)?,
            lock_wait: s.required("lock_wait", file.lock_wait.clone(), parse_duration)?,
            lock_timeout: s.required("lock_timeout", file.lock_timeout.clone(), pg_timeout)?,
            statement_timeout: s.required(
                "statement_timeout",
                file.statement_timeout.clone(),
                pg_timeout,
            )?,
            lock_retries,
            log_format,
            max_row_loss,
            no_backup: file.no_backup.unwrap_or(false),
            lint_policy: lint_policy(&file_path, &file.lint)?,
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

/// The defaults, then the file's `[lint]` table.
fn lint_policy(
    file: &Path,
    levels: &std::collections::BTreeMap<String, String>,
) -> Result<LintPolicy> {
    let mut policy = LintPolicy::default();
    for (rule, level) in levels {
        let level: Level = serde_json::from_value(serde_json::Value::String(level.clone()))
            .map_err(|_| {
                Error::Config(format!(
                    "{} [lint] {rule}: level must be deny, warn, info or off, got {level:?}",
                    file.display()
                ))
            })?;
        policy
            .set(rule, level)
            .map_err(|e| Error::Config(format!("{} [lint]: {e}", file.display())))?;
    }
    Ok(policy)
}

/// A share of rows: `50%`, `0.5`, or `off`.
fn parse_share(text: &str) -> std::result::Result<Option<f64>, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("off") {
        return Ok(None);
    }
    let bad = || format!("expected a percentage such as 50% (or off), got {text:?}");
    let share = match t.strip_suffix('%') {
        Some(percent) => percent.trim().parse::<f64>().map_err(|_| bad())? / 100.0,
        None => t.parse::<f64>().map_err(|_| bad())?,
    };
    if !(share > 0.0 && share <= 1.0) {
        return Err(format!(
            "{text:?} is not a share between 0% (exclusive) and 100%"
        ));
    }
    Ok(Some(share))
}

fn whole_number<T: std::str::FromStr>(text: &str) -> std::result::Result<T, String> {
    text.trim()
        .parse()
        .map_err(|_| format!("expected a whole number, got {text:?}"))
}

fn read_file(path: &Path) -> Result<FileSettings> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::File {
        path: path.to_path_buf(),
        cause: format!("cannot read the configuration file: {e}"),
    })?;
    toml::from_str(&text).map_err(|e| Error::File {
        path: path.to_path_buf(),
        cause: crate::text::toml_error(&text, &e),
    })
}

/// A duration such as `500ms`, `10s`, `5m`, `1m30s`, or `0`; a bare number is seconds.
pub fn parse_duration(text: &str) -> std::result::Result<Duration, String> {
    let t = text.trim();
    let bad = || format!("expected a duration such as 500ms, 10s or 1m30s, got {text:?}");
    if t.is_empty() {
        return Err(bad());
    }
    if t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse().map(Duration::from_secs).map_err(|_| bad());
    }
    humantime::parse_duration(t).map_err(|e| match e {
        humantime::DurationError::NumberOverflow => format!("{text:?} is too long a duration"),
        _ => bad(),
    })
}

/// `lock_timeout` and `statement_timeout` are PostgreSQL integer milliseconds: a longer value
/// would only fail at `SET LOCAL`, after the lint and the backup.
fn pg_timeout(text: &str) -> std::result::Result<Duration, String> {
    let d = parse_duration(text)?;
    if d.as_millis() > i32::MAX as u128 {
        return Err("at most 2147483647ms (about 24 days), PostgreSQL's limit".to_string());
    }
    Ok(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{CommandFactory, FromArgMatches};

    #[test]
    fn durations_parse() {
        assert_eq!(parse_duration("0"), Ok(Duration::ZERO));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("60s"), Ok(Duration::from_secs(60)));
        assert_eq!(parse_duration("5m"), Ok(Duration::from_secs(300)));
        assert_eq!(parse_duration("1m30s"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("").is_err());
        assert!(
            parse_duration("9999999999999999999h")
                .unwrap_err()
                .contains("too long")
        );
    }

    fn resolve(args: &[&str]) -> Result<Settings> {
        let command = crate::cli::Cli::command();
        let matches = command.clone().try_get_matches_from(args).unwrap();
        crate::cli::Cli::from_arg_matches(&matches).unwrap();
        Settings::resolve(&matches, &command)
    }

    #[test]
    fn flags_before_or_after_the_command_and_defaults() {
        let s = resolve(&["schemagate", "--wait", "2s", "status"]).unwrap();
        assert_eq!(s.wait, Duration::from_secs(2));
        let s = resolve(&["schemagate", "status", "--wait", "1m30s"]).unwrap();
        assert_eq!(s.wait, Duration::from_secs(90));
        assert_eq!(s.lock_timeout, Duration::from_secs(10));
        assert_eq!(s.keep_backups, 10);
        assert_eq!(s.expected, PathBuf::from("migrations/expected_schema.toml"));
        let s = resolve(&["schemagate", "--migrations", "db", "status"]).unwrap();
        assert_eq!(s.expected, PathBuf::from("db/expected_schema.toml"));
    }

    #[test]
    fn a_bad_value_names_where_it_came_from() {
        let err = resolve(&["schemagate", "status", "--lock-wait", "soon"]).unwrap_err();
        assert!(err.to_string().starts_with("--lock-wait: "), "{err}");
        assert_eq!(err.exit_code(), 2);
        let err = resolve(&["schemagate", "status", "--log-format", "xml"]).unwrap_err();
        assert!(err.to_string().starts_with("--log-format: "), "{err}");
        // An explicit --config that is missing is an error naming the file.
        let err = resolve(&["schemagate", "--config", "/nonexistent.toml", "status"]).unwrap_err();
        assert!(err.to_string().contains("/nonexistent.toml"), "{err}");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn the_direct_url_is_schemagates_and_the_database_url_stays_the_apps() {
        let s = resolve(&[
            "schemagate",
            "--database-url",
            "postgres://app@pooler:6543/app",
            "--direct-url",
            "postgres://app@db:5432/app",
            "status",
        ])
        .unwrap();
        let url = s.database_url.unwrap();
        assert_eq!((url.host.as_str(), url.port), ("db", 5432));
        let err = resolve(&["schemagate", "--direct-url", "mysql://x", "status"]).unwrap_err();
        assert!(err.to_string().starts_with("--direct-url: "), "{err}");
    }

    #[test]
    fn a_bucket_url_is_not_taken_for_a_directory() {
        let s = resolve(&["schemagate", "status", "--backup-dir", "s3://bucket/x/"]).unwrap();
        let bucket = s.backup_bucket.unwrap();
        assert_eq!(
            (bucket.bucket.as_str(), bucket.prefix.as_str()),
            ("bucket", "x")
        );
        let err = resolve(&["schemagate", "status", "--backup-dir", "gs://bucket/x"]).unwrap_err();
        assert!(
            err.to_string().starts_with("--backup-dir: gs:// is not"),
            "{err}"
        );
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn the_file_sits_between_the_environment_and_the_default() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.toml");
        std::fs::write(&path, "wait = \"3s\"\nlock_wait = \"never\"\n").unwrap();
        let p = path.to_str().unwrap();
        let err = resolve(&["schemagate", "--config", p, "status"]).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{p}: lock_wait: expected a duration such as 500ms, 10s or 1m30s, got \"never\""
            )
        );
        std::fs::write(&path, "wait = \"3s\"\n").unwrap();
        let s = resolve(&["schemagate", "--config", p, "status"]).unwrap();
        assert_eq!(s.wait, Duration::from_secs(3));
        let s = resolve(&["schemagate", "--config", p, "status", "--wait", "4s"]).unwrap();
        assert_eq!(s.wait, Duration::from_secs(4));
    }
}
