//! From the command line to an exit code: parse, resolve the settings, run one command, and
//! print its error once.

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::commands::{self, lint::Target, restore::RestoreRequest};
use crate::config::Settings;
use crate::deploy::{self, DeployOptions};
use crate::error::{Error, Result};
use crate::exec;
use crate::report::{OutputError, Reporter};

/// Run schemagate with `args`; the exit code on failure, after printing the error once.
pub fn run(args: impl IntoIterator<Item = OsString>) -> std::result::Result<(), i32> {
    let command = Cli::command();
    let parsed = command
        .clone()
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches).map(|cli| (matches, cli)));
    let (matches, cli) = match parsed {
        Ok(parsed) => parsed,
        // --help and --version end here too, on stdout and with status 0.
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { Err(2) } else { Ok(()) };
        }
    };
    let text = Reporter::new(crate::report::Format::Text);
    let settings = match Settings::resolve(&matches, &command) {
        Ok(s) => s,
        Err(e) => return fail(&text, e),
    };
    let out = Reporter::new(settings.log_format);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return fail(
                &out,
                Error::internal(format!("cannot start the async runtime: {e}")),
            );
        }
    };
    match runtime.block_on(dispatch(&settings, cli.command, &out)) {
        Ok(()) => Ok(()),
        Err(e) => fail(&out, e),
    }
}

/// Print `e` once and return its exit code; a reader that went away is a quiet end.
fn fail(out: &Reporter, e: Error) -> std::result::Result<(), i32> {
    if matches!(e, Error::Output(OutputError::Closed)) {
        return Ok(());
    }
    out.error(&e.to_string());
    Err(e.exit_code())
}

async fn dispatch(settings: &Settings, command: Command, out: &Reporter) -> Result<()> {
    match command {
        Command::Deploy(args) => {
            let options = DeployOptions {
                dry_run: args.dry_run,
                backup: !(args.no_backup || settings.no_backup),
                app: exec::prepare_app(&args.app, args.expand_env)?,
            };
            deploy::deploy(settings, &options, out).await
        }
        Command::Plan(a) => commands::inspect::plan(settings, a.json, out).await,
        Command::Status(a) => commands::inspect::status(settings, a.json, out).await,
        Command::Verify(a) => commands::inspect::verify(settings, a.json, a.strict, out).await,
        Command::Lint(a) => {
            let target = match (a.all, a.since, a.files.is_empty()) {
                (_, _, false) => Target::Files(a.files),
                (_, Some(reference), true) => Target::Since(reference),
                (true, None, true) => Target::All,
                (false, None, true) => Target::Pending,
            };
            commands::lint::lint(settings, target, a.json, out).await
        }
        Command::Snapshot(a) => {
            commands::check::snapshot(settings, a.output.as_deref(), a.from_live, out).await
        }
        Command::Check(a) => commands::check::check(settings, a.since.as_deref(), out).await,
        Command::Backup => commands::backup::backup(settings, out).await,
        Command::Backups(a) => commands::backup::backups(settings, a.json, out).await,
        Command::Restore(a) => {
            let request = RestoreRequest {
                file: a.file,
                tables: a.tables,
                data_only: a.data_only,
                yes: a.yes,
            };
            commands::restore::restore(settings, &request, out).await
        }
        Command::Baseline(a) => {
            commands::recover::baseline(settings, a.version, a.force, out).await
        }
        Command::Repair(a) => commands::recover::repair(settings, a.yes, out).await,
        Command::New(a) => commands::new::new(settings, &a.name, out),
        Command::Completions(a) => {
            let mut text = Vec::new();
            clap_complete::generate(a.shell, &mut Cli::command(), "schemagate", &mut text);
            out.out(String::from_utf8_lossy(&text).trim_end())?;
            Ok(())
        }
        Command::Man => {
            let mut roff = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut roff)
                .map_err(|e| Error::internal(format!("rendering the man page: {e}")))?;
            out.out(String::from_utf8_lossy(&roff).trim_end())?;
            Ok(())
        }
    }
}
