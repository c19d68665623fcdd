//! `lint`: the given files, every file (`--all`), or the pending migrations against the
//! database.

use std::path::PathBuf;

use crate::config::Settings;
use crate::database;
use crate::error::Result;
use crate::history;
use crate::lint::{LintInput, Unparsable, gate};
use crate::migrations;
use crate::report::Reporter;

/// What `lint` is asked to judge.
#[derive(Debug, Clone)]
pub enum Target {
    /// These files, offline.
    Files(Vec<PathBuf>),
    /// Every migration, offline, as on a fresh database.
    All,
    /// The pending migrations, against the database as it is.
    Pending,
}

/// `lint`.
pub async fn lint(settings: &Settings, target: Target, out: &Reporter) -> Result<()> {
    let policy = &settings.lint_policy;
    let loaded: Vec<(String, String)> = match target {
        Target::Files(paths) => paths
            .iter()
            .map(|p| {
                let sql = migrations::read_sql(p)?;
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                Ok((name, sql))
            })
            .collect::<Result<_>>()?,
        Target::All => migrations::load(&settings.migrations)?
            .into_iter()
            .map(|m| (m.file_name, m.sql))
            .collect(),
        Target::Pending => {
            let files = migrations::load(&settings.migrations)?;
            let client = super::connect(settings, out).await?;
            let applied = history::read(&client).await?;
            let pending = history::pending(&files, &applied)?;
            let version = database::server_version_num(&client).await?;
            gate::judge_pending(&client, &pending, policy, version, Unparsable::Deny, out).await?;
            out.out(&format!(
                "{} pending migration(s): lint passed",
                pending.len()
            ))?;
            return Ok(());
        }
    };
    let inputs: Vec<LintInput> = loaded
        .iter()
        .map(|(file, sql)| LintInput { file, sql })
        .collect();
    gate::judge_offline(&inputs, policy, out)?;
    out.out(&format!("{} file(s): lint passed", inputs.len()))?;
    Ok(())
}
