//! The command line exactly as the user typed it, and the one table of settings.
//!
//! Each setting's flag, environment variable, default and help live in its attribute here;
//! [`crate::config`] puts `schemagate.toml` between the environment and the default and checks
//! every value, naming where it came from. Setting flags are `global`, so
//! `schemagate --wait 5s deploy` and `schemagate deploy --wait 5s` mean the same.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Deploy-time PostgreSQL migrations: lint, back up, apply in one transaction, verify, then
/// start the app.
#[derive(Debug, Parser)]
#[command(name = "schemagate", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub settings: SettingArgs,

    #[command(subcommand)]
    pub command: Command,
}

/// Settings shared by every command. Each is taken from the first place that sets it: this
/// flag, its environment variable, `schemagate.toml`, the default ([`crate::config`]).
#[derive(Debug, Default, Args)]
pub struct SettingArgs {
    /// PostgreSQL URL, libpq style
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "DATABASE_URL",
        hide_env_values = true
    )]
    pub database_url: Option<String>,

    /// A direct (or session-mode) URL for schemagate's own work (lock, migrations, backups)
    /// when DATABASE_URL goes through a transaction-mode pooler; the app keeps DATABASE_URL
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "DATABASE_DIRECT_URL",
        hide_env_values = true
    )]
    pub direct_url: Option<String>,

    /// Directory of migration files, V1__create_users.sql and so on
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "SCHEMAGATE_MIGRATIONS",
        default_value = "migrations"
    )]
    pub migrations: Option<PathBuf>,

    /// Configuration file [default: schemagate.toml, if present]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Expected schema file [default: <migrations>/expected_schema.toml]
    #[arg(long, global = true, value_name = "FILE", env = "SCHEMAGATE_EXPECTED")]
    pub expected: Option<PathBuf>,

    /// Where backups are written
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        env = "SCHEMAGATE_BACKUP_DIR",
        default_value = "backups"
    )]
    pub backup_dir: Option<PathBuf>,

    /// What the backup before a deploy holds: full (every table's rows) or touched (the
    /// schema and the rows of the tables the pending migrations can change)
    #[arg(
        long,
        global = true,
        value_name = "full|touched",
        env = "SCHEMAGATE_BACKUP_SCOPE",
        default_value = "full"
    )]
    pub backup_scope: Option<String>,

    /// How many backups to keep
    #[arg(
        long,
        global = true,
        value_name = "N",
        env = "SCHEMAGATE_KEEP_BACKUPS",
        default_value = "10"
    )]
    pub keep_backups: Option<String>,

    /// How long to wait for the database to come up (500ms, 10s, 1m30s)
    #[arg(
        long,
        global = true,
        value_name = "DURATION",
        env = "SCHEMAGATE_WAIT",
        default_value = "60s"
    )]
    pub wait: Option<String>,

    /// How long to wait for another run's lock
    #[arg(
        long,
        global = true,
        value_name = "DURATION",
        env = "SCHEMAGATE_LOCK_WAIT",
        default_value = "300s"
    )]
    pub lock_wait: Option<String>,

    /// lock_timeout inside the migration transaction
    #[arg(
        long,
        global = true,
        value_name = "DURATION",
        env = "SCHEMAGATE_LOCK_TIMEOUT",
        default_value = "10s"
    )]
    pub lock_timeout: Option<String>,

    /// statement_timeout inside the migration transaction, 0 for none
    #[arg(
        long,
        global = true,
        value_name = "DURATION",
        env = "SCHEMAGATE_STATEMENT_TIMEOUT",
        default_value = "0"
    )]
    pub statement_timeout: Option<String>,

    /// Retries of the whole transaction after a lock timeout
    #[arg(
        long,
        global = true,
        value_name = "N",
        env = "SCHEMAGATE_LOCK_RETRIES",
        default_value = "3"
    )]
    pub lock_retries: Option<String>,

    /// Output format: text, json (one object per line) or github (Actions annotations)
    #[arg(
        long,
        global = true,
        value_name = "FORMAT",
        env = "SCHEMAGATE_LOG_FORMAT",
        default_value = "text"
    )]
    pub log_format: Option<String>,

    /// The largest share of a table's rows a deploy may delete or truncate without a statement
    /// marked as intended (checked before COMMIT; "off" to skip)
    #[arg(
        long,
        global = true,
        value_name = "PERCENT",
        env = "SCHEMAGATE_MAX_ROW_LOSS",
        default_value = "50%"
    )]
    pub max_row_loss: Option<String>,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations safely, verify, then exec APP
    Deploy(DeployArgs),
    /// Show what deploy would do; changes nothing
    Plan(JsonArg),
    /// Applied, pending and divergent migrations, and the last runs
    Status(JsonArg),
    /// Compare the live database with the expected schema; changes nothing
    Verify(VerifyArgs),
    /// Lint migration files (default: the pending ones)
    Lint(LintArgs),
    /// Write the expected schema file from a scratch database built from all migrations
    Snapshot(SnapshotArgs),
    /// CI gate: build a scratch database from all migrations and compare it with the file
    Check(CheckArgs),
    /// Take a backup now
    Backup,
    /// List backups, newest first
    Backups(JsonArg),
    /// Restore a backup, whole or chosen tables
    Restore(RestoreArgs),
    /// Record migrations up to VERSION as applied without running them
    Baseline(BaselineArgs),
    /// Accept the current checksums of applied migrations after an intended edit
    Repair(YesArg),
    /// Create the next migration file
    New(NewArgs),
    /// Print shell completions: bash, zsh, fish, elvish or powershell
    Completions(CompletionsArgs),
    /// Print the man page (roff), for packaging
    #[command(hide = true)]
    Man,
}

/// `completions`'s argument.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell, e.g. `schemagate completions bash > /etc/bash_completion.d/schemagate`
    pub shell: clap_complete::Shell,
}

/// `deploy`'s own flags.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Do not take a backup before applying (also `no_backup = true` in schemagate.toml)
    #[arg(long)]
    pub no_backup: bool,

    /// Print what would run and change nothing
    #[arg(long)]
    pub dry_run: bool,

    /// Expand ${VAR} and ${VAR:-default} in APP's arguments (for start commands run
    /// without a shell, such as Railway's)
    #[arg(long)]
    pub expand_env: bool,

    /// The program to exec after a successful deploy, with its arguments
    #[arg(last = true, value_name = "APP")]
    pub app: Vec<OsString>,
}

/// `--json` alone.
#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

/// `verify`'s flags.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
    /// Treat unmanaged tables and columns as errors
    #[arg(long)]
    pub strict: bool,
}

/// `lint`'s flags.
#[derive(Debug, Args)]
pub struct LintArgs {
    /// Lint every migration file as the bootstrap of a new, empty database
    #[arg(long, conflicts_with_all = ["since", "files"])]
    pub all: bool,
    /// Lint the migration files added or changed since this git reference (a pull request's
    /// base branch), against what the older files create
    #[arg(long, value_name = "REF", conflicts_with = "files")]
    pub since: Option<String>,
    /// Print the findings as JSON
    #[arg(long)]
    pub json: bool,
    /// Files to lint, offline: what they do not create is assumed to exist and hold data
    pub files: Vec<PathBuf>,
}

/// `check`'s flags.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Judge the migration files added or changed since this git reference as new (default:
    /// those newer than the expected schema file's version)
    #[arg(long, value_name = "REF")]
    pub since: Option<String>,
}

/// `snapshot`'s flags.
#[derive(Debug, Args)]
pub struct SnapshotArgs {
    /// Where to write the file [default: the expected schema file]
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Read the target database instead of building a scratch one
    #[arg(long)]
    pub from_live: bool,
}

/// `restore`'s flags.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file
    pub file: PathBuf,
    /// Restore only this table, named as PostgreSQL spells it (users, '"Users"', app.users):
    /// whole if it is gone, its rows if it exists and is empty (repeatable)
    #[arg(long = "table", value_name = "TABLE")]
    pub tables: Vec<String>,
    /// With --table: restore only the rows, into existing empty tables
    #[arg(long)]
    pub data_only: bool,
    /// Do not ask for confirmation
    #[arg(long)]
    pub yes: bool,
}

/// `baseline`'s flags.
#[derive(Debug, Args)]
pub struct BaselineArgs {
    /// The last version to record as applied
    pub version: i32,
    /// Record even if the live schema does not satisfy the expected schema
    #[arg(long)]
    pub force: bool,
}

/// `--yes` alone.
#[derive(Debug, Args)]
pub struct YesArg {
    /// Do not ask for confirmation
    #[arg(long)]
    pub yes: bool,
}

/// `new`'s argument.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// What the migration does, as [A-Za-z0-9_]+ (spaces and dashes become underscores)
    pub name: String,
}
