//! The commands besides `deploy`, one file per group: inspection (`plan`, `status`, `verify`),
//! the lint and CI gate (`lint`, `check`, `snapshot`, on a [`scratch`] database), backups
//! (`backup`, `backups`, `restore`) and recovery (`baseline`, `repair`, `new`).
//!
//! Each one reuses the stages `deploy` is built from; none of them changes the database unless
//! that is its whole point (restore, baseline, repair).

pub mod backup;
pub mod check;
pub mod inspect;
pub mod lint;
pub mod new;
pub mod recover;
pub mod restore;
pub mod scratch;
pub mod since;

use std::io::{BufRead, IsTerminal, Write};

use tokio_postgres::Client;

use crate::config::Settings;
use crate::error::{Error, Result};
use crate::project::Project;
use crate::report::Reporter;
use crate::schema::ExpectedSchema;

/// Connect to the configured database, waiting for it as `--wait` says; a transaction-mode
/// pooler is refused ([`crate::pooler`]): neither the lock nor `pg_dump`'s session settings
/// hold there.
async fn connect(settings: &Settings, out: &Reporter) -> Result<Client> {
    let url = settings.require_database()?;
    crate::pooler::connect(url, settings.wait, out).await
}

/// The expected schema, parsed (with a warning when it is older than the migrations), for the
/// commands that cannot do without it: exit 2 with the way to create it.
fn require_expected<'p>(project: &'p Project, out: &Reporter) -> Result<&'p ExpectedSchema> {
    let Some(file) = &project.expected else {
        return Err(Error::Config(format!(
            "no expected schema file at {}\nhint: create it with `schemagate snapshot`",
            project.expected_path.display()
        )));
    };
    if let Some(warning) = file.stale_warning()? {
        out.warn(&warning);
    }
    Ok(file.schema()?)
}

/// Ask `question` on the terminal, unless `yes`; not on a terminal, `--yes` is required.
fn confirm(question: &str, yes: bool) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Config(format!(
            "{question}\nhint: pass --yes to confirm when not on a terminal"
        )));
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(Error::Config("cancelled".into()))
    }
}
