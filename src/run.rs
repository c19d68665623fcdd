//! Parsing the command line, resolving settings, running one command, and its exit code.

use std::ffi::OsString;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::commands;
use crate::config::Settings;
use crate::deploy;
use crate::error::Error;
use crate::report;

/// Run schemagate with `args`; the exit code on failure, after printing the error once.
pub fn run(args: impl IntoIterator<Item = OsString>) -> Result<(), i32> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return Err(if e.use_stderr() { 2 } else { 0 })
                .or_else(|c| if c == 0 { Ok(()) } else { Err(c) });
        }
    };
    let settings = match Settings::resolve(&cli.settings) {
        Ok(s) => s,
        Err(e) => {
            report::error(&e.to_string());
            return Err(e.exit_code());
        }
    };
    report::init(settings.log_format);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            report::error(&format!(
                "internal error: cannot start the async runtime: {e}"
            ));
            return Err(1);
        }
    };
    match runtime.block_on(dispatch(&settings, cli.command)) {
        Ok(()) => Ok(()),
        Err(e) => {
            report::error(&e.to_string());
            Err(e.exit_code())
        }
    }
}

async fn dispatch(settings: &Settings, command: Command) -> Result<(), Error> {
    match command {
        Command::Deploy(args) => {
            let mut settings = settings.clone();
            settings.no_backup |= args.no_backup;
            deploy::deploy(&settings, &args).await
        }
        Command::Plan => commands::plan(settings).await,
        Command::Status(a) => commands::status(settings, a.json).await,
        Command::Verify(a) => commands::verify(settings, a.json, a.strict).await,
        Command::Lint(a) => commands::lint(settings, a.all, &a.files).await,
        Command::Snapshot(a) => {
            commands::snapshot(settings, a.output.as_deref(), a.from_live).await
        }
        Command::Check => commands::check(settings).await,
        Command::Backup => commands::backup(settings).await,
        Command::Backups => commands::backups(settings),
        Command::Restore(a) => commands::restore(settings, &a).await,
        Command::Baseline(a) => commands::baseline(settings, a.version, a.force).await,
        Command::Repair(a) => commands::repair(settings, a.yes).await,
        Command::New(a) => commands::new(settings, &a.name),
    }
}
