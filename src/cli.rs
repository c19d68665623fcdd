//! The command line exactly as the user typed it.
//!
//! Every setting here is optional: [`crate::config`] resolves each one from the flag, the
//! environment, `schemagate.toml` and the built-in default, in that order. Setting flags are
//! `global`, so `schemagate --wait 5s deploy` and `schemagate deploy --wait 5s` mean the same.

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

/// Settings shared by every command; see DESIGN.md for the table of defaults.
#[derive(Debug, Default, Args)]
pub struct SettingArgs {
    /// PostgreSQL URL, libpq style [env: DATABASE_URL]
    #[arg(long, global = true, value_name = "URL")]
    pub database_url: Option<String>,

    /// Directory of migration files, V1__create_users.sql and so on [env: SCHEMAGATE_MIGRATIONS]
    /// [default: migrations]
    #[arg(long, global = true, value_name = "DIR")]
    pub migrations: Option<PathBuf>,

    /// Configuration file [default: schemagate.toml, if present]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Expected schema file [env: SCHEMAGATE_EXPECTED] [default: <migrations>/expected_schema.toml]
    #[arg(long, global = true, value_name = "FILE")]
    pub expected: Option<PathBuf>,

    /// Where backups are written [env: SCHEMAGATE_BACKUP_DIR] [default: backups]
    #[arg(long, global = true, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,

    /// How many backups to keep [env: SCHEMAGATE_KEEP_BACKUPS] [default: 10]
    #[arg(long, global = true, value_name = "N")]
    pub keep_backups: Option<usize>,

    /// How long to wait for the database to come up [env: SCHEMAGATE_WAIT] [default: 60s]
    #[arg(long, global = true, value_name = "DURATION")]
    pub wait: Option<String>,

    /// How long to wait for another run's lock [env: SCHEMAGATE_LOCK_WAIT] [default: 300s]
    #[arg(long, global = true, value_name = "DURATION")]
    pub lock_wait: Option<String>,

    /// lock_timeout inside the migration transaction [env: SCHEMAGATE_LOCK_TIMEOUT] [default: 10s]
    #[arg(long, global = true, value_name = "DURATION")]
    pub lock_timeout: Option<String>,

    /// statement_timeout inside the migration transaction, 0 for none
    /// [env: SCHEMAGATE_STATEMENT_TIMEOUT] [default: 0]
    #[arg(long, global = true, value_name = "DURATION")]
    pub statement_timeout: Option<String>,

    /// Retries of the whole transaction after a lock timeout [env: SCHEMAGATE_LOCK_RETRIES]
    /// [default: 3]
    #[arg(long, global = true, value_name = "N")]
    pub lock_retries: Option<u32>,

    /// Output format: text or json [env: SCHEMAGATE_LOG_FORMAT] [default: text]
    #[arg(long, global = true, value_name = "FORMAT")]
    pub log_format: Option<String>,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply pending migrations safely, verify, then exec APP
    Deploy(DeployArgs),
    /// Show what deploy would do; changes nothing
    Plan,
    /// Applied, pending and divergent migrations, and the last runs
    Status(JsonArg),
    /// Compare the live database with the expected schema; changes nothing
    Verify(VerifyArgs),
    /// Lint migration files (default: the pending ones)
    Lint(LintArgs),
    /// Write the expected schema file from a scratch database built from all migrations
    Snapshot(SnapshotArgs),
    /// CI gate: build a scratch database from all migrations and compare it with the file
    Check,
    /// Take a backup now
    Backup,
    /// List backups, newest first
    Backups,
    /// Restore a backup, whole or chosen tables
    Restore(RestoreArgs),
    /// Record migrations up to VERSION as applied without running them
    Baseline(BaselineArgs),
    /// Accept the current checksums of applied migrations after an intended edit
    Repair(YesArg),
    /// Create the next migration file
    New(NewArgs),
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
    /// Lint every migration file, as on a fresh database
    #[arg(long)]
    pub all: bool,
    /// Files to lint (no database needed)
    pub files: Vec<PathBuf>,
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
    /// Restore only this table, definition and rows (repeatable)
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
