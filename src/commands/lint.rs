//! `lint`: the given files, the files changed since a git reference (`--since`), every file
//! as a new database's bootstrap (`--all`), or the pending migrations against the database.

use std::path::PathBuf;

use crate::config::Settings;
use crate::database;
use crate::error::Result;
use crate::history;
use crate::lint::gate::{self, Offline};
use crate::lint::{LintInput, LintReport, Unparsable};
use crate::migrations::{self, Migration};
use crate::report::{Reporter, lint_finding_json};

/// What `lint` is asked to judge.
#[derive(Debug, Clone)]
pub enum Target {
    /// These files, offline: what they do not create is assumed to exist and hold data.
    Files(Vec<PathBuf>),
    /// Every migration, offline, as the bootstrap of a new, empty database.
    All,
    /// The files added or changed since a git reference, offline, against the objects the
    /// older files create (and anything else assumed to exist).
    Since(String),
    /// The pending migrations, against the database as it is.
    Pending,
}

/// `lint`; `json`: the findings as one JSON document on stdout.
pub async fn lint(settings: &Settings, target: Target, json: bool, out: &Reporter) -> Result<()> {
    let policy = &settings.lint_policy;
    match target {
        Target::Pending => {
            let files = migrations::load(&settings.migrations)?;
            let mapping = crate::alembic::load(&settings.migrations)?;
            let client = super::connect(settings, out).await?;
            let mut applied = history::read(&client).await?;
            let adoption =
                crate::alembic::Adoption::pending(&client, mapping.as_ref(), &files, &applied, out)
                    .await?;
            // The pending migrations are those after the adoption the next deploy makes.
            if let Some(a) = adoption {
                out.info(&a.not_yet());
                applied = a.applied(&files, "(not yet: adopted by the next deploy)");
            }
            let pending = history::pending(&files, &applied)?;
            let version = database::server_version_num(&client).await?;
            let report =
                gate::read_pending(&client, &pending, policy, version, Unparsable::Deny).await?;
            let what = format!("{} pending migration(s)", pending.len());
            finish(&report, pending.len(), &what, json, out)
        }
        Target::Files(paths) => {
            let loaded: Vec<(String, String, String)> = paths
                .iter()
                .map(|p| {
                    let sql = migrations::read_sql(p)?;
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    Ok((name, p.to_string_lossy().into_owned(), sql))
                })
                .collect::<Result<_>>()?;
            let inputs: Vec<LintInput> = loaded
                .iter()
                .map(|(file, path, sql)| LintInput {
                    file,
                    path,
                    sql,
                    applied: false,
                })
                .collect();
            let report = gate::read_offline(&inputs, Offline::ExistingUnlessCreated, policy);
            finish(
                &report,
                inputs.len(),
                &format!("{} file(s)", inputs.len()),
                json,
                out,
            )
        }
        Target::All => {
            let files = migrations::load(&settings.migrations)?;
            let inputs: Vec<LintInput> = files.iter().map(LintInput::from).collect();
            let report = gate::read_offline(&inputs, Offline::Bootstrap, policy);
            let what = format!(
                "{} file(s), judged as the bootstrap of a new, empty database",
                inputs.len()
            );
            finish(&report, inputs.len(), &what, json, out)?;
            out.info("a pull request's new files are judged against the older ones with `schemagate lint --since <base branch>`");
            Ok(())
        }
        Target::Since(reference) => {
            let files = migrations::load(&settings.migrations)?;
            let changed = super::since::changed_since(&reference, &settings.migrations)?;
            let inputs = since_inputs(&files, |m| super::since::is_changed(m, &changed));
            let new = inputs.iter().filter(|i| !i.applied).count();
            let report = gate::read_offline(&inputs, Offline::ExistingUnlessCreated, policy);
            let what = format!(
                "{new} file(s) added or changed since {reference}, judged against the {} older one(s)",
                inputs.len() - new
            );
            finish(&report, new, &what, json, out)
        }
    }
}

/// Every migration in order, the ones `is_new` says judged and the rest replayed as applied.
pub(crate) fn since_inputs<'m>(
    files: &'m [Migration],
    is_new: impl Fn(&Migration) -> bool,
) -> Vec<LintInput<'m>> {
    files
        .iter()
        .map(|m| LintInput {
            applied: !is_new(m),
            ..LintInput::from(m)
        })
        .collect()
}

/// Print the findings (and the JSON document), refuse on a denial, say it passed.
fn finish(report: &LintReport, files: usize, what: &str, json: bool, out: &Reporter) -> Result<()> {
    if json {
        let value = serde_json::json!({
            "files": files,
            "passed": !report.has_denials(),
            "findings": report.findings.iter().map(lint_finding_json).collect::<Vec<_>>(),
        });
        out.out(&serde_json::to_string_pretty(&value).unwrap_or_default())?;
    }
    gate::refuse_denied(report, out)?;
    if !json {
        out.out(&format!("{what}: lint passed"))?;
    }
    Ok(())
}
