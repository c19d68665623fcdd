//! `plan`, `status` and `verify`: what deploy would do, what has been done, and whether the
//! database is what the expected schema says. None of them changes anything.

use crate::alembic;
use crate::config::Settings;
use crate::database;
use crate::error::{Error, Result, VerificationContext, VerificationFailure};
use crate::history;
use crate::lint::{Unparsable, gate as lint_gate};
use crate::plan;
use crate::project::Project;
use crate::report::{Reporter, lint_finding_json};
use crate::runs;
use crate::verify::gate::compare_live;

/// `plan`: pending migrations, lint, backup; the exit code deploy would have at that point.
/// `json`: the same as one JSON document on stdout.
pub async fn plan(settings: &Settings, json: bool, out: &Reporter) -> Result<()> {
    let project = Project::load_quietly(settings)?;
    let mut client = super::connect(settings, out).await?;
    let applied = history::read(&client).await?;
    let previous = runs::previous(&client).await;
    let applied = alembic::adopt(
        &mut client,
        project.alembic.as_ref(),
        &project.alembic_path(),
        &project.migrations,
        applied,
        true,
        out,
    )
    .await?;
    let plan = plan::plan(
        &project.migrations,
        &applied,
        previous.unfinished.as_ref(),
        !settings.no_backup,
        out,
    )?;
    history::say_comment_only_edits(&project.migrations, &applied, out);
    let alembic_to = match (&project.alembic, plan.pending.last()) {
        (Some(mapping), Some(newest)) => {
            alembic::planned_move(&client, mapping, newest.version).await?
        }
        _ => None,
    };
    let backup_dir = match &settings.backup_bucket {
        Some(_) => settings.backup_dir.clone(),
        None => std::path::absolute(&settings.backup_dir)
            .unwrap_or_else(|_| settings.backup_dir.clone()),
    };
    let scope = if plan.backup {
        Some(crate::backup::scope::decide(&client, settings.backup_scope, &plan.pending).await?)
    } else {
        None
    };
    let report = if plan.pending.is_empty() {
        None
    } else {
        // What deploy parses before its first change, plan parses too: the same exit 2.
        if let Some(expected) = &project.expected {
            expected.schema()?;
        }
        let version = database::server_version_num(&client).await?;
        let report = lint_gate::read_pending(
            &client,
            &plan.pending,
            &project.policy,
            version,
            Unparsable::Warn,
        )
        .await?;
        Some(report)
    };
    if json {
        let value = serde_json::json!({
            "from_version": plan.from_version,
            "pending": plan.describe().into_iter().map(|(m, how)| serde_json::json!({
                "file": m.file_name,
                "version": m.version,
                "how": how,
            })).collect::<Vec<_>>(),
            "steps": plan.step_note(),
            "backup": plan.backup,
            "backup_dir": plan.backup.then(|| backup_dir.display().to_string()),
            "alembic_version_to": alembic_to,
            "backup_scope": scope.as_ref().map(|s| match s {
                crate::backup::Scope::Full { fallback } => serde_json::json!({
                    "scope": "full",
                    "fallback": fallback,
                }),
                crate::backup::Scope::Touched { tables, .. } => serde_json::json!({
                    "scope": "touched",
                    "tables": tables,
                }),
            }),
            "lint": report.as_ref().map(|r| serde_json::json!({
                "passed": !r.has_denials(),
                "findings": r.findings.iter().map(lint_finding_json).collect::<Vec<_>>(),
            })),
        });
        out.out(&serde_json::to_string_pretty(&value).unwrap_or_default())?;
    } else if plan.pending.is_empty() {
        out.out("nothing pending; deploy would verify and start the app")?;
    } else {
        out.out(&format!(
            "{} pending migration(s), in order:",
            plan.pending.len()
        ))?;
        for (m, how) in plan.describe() {
            out.out(&format!("  {} ({how})", m.file_name))?;
        }
        if let Some(note) = plan.step_note() {
            out.out(&note)?;
        }
        if let (Some(revision), Some(mapping)) = (&alembic_to, &project.alembic) {
            out.out(&format!(
                "{}: moves to revision {revision} with them, so an image that still runs Alembic finds it at head",
                mapping.version_table
            ))?;
        }
        out.out(&format!(
            "backup: {}",
            if plan.backup {
                format!(
                    "yes, into {}; scope {}",
                    backup_dir.display(),
                    scope.as_ref().map(|s| s.describe()).unwrap_or_default()
                )
            } else {
                "none (no_backup is set)".to_string()
            }
        ))?;
    }
    match &report {
        Some(report) => lint_gate::refuse_denied(report, out),
        None => Ok(()),
    }
}

/// `status`: applied, pending, problems, last runs.
pub async fn status(settings: &Settings, json: bool, out: &Reporter) -> Result<()> {
    let files = crate::migrations::load(&settings.migrations)?;
    let mapping = alembic::load(&settings.migrations)?;
    let client = super::connect(settings, out).await?;
    let applied = history::read(&client).await?;
    let adoption =
        alembic::Adoption::pending(&client, mapping.as_ref(), &files, &applied, out).await?;
    // Pending as it will be once the next deploy adopted the database.
    let after_adoption = adoption
        .as_ref()
        .map(|a| a.applied(&files, "(not yet: adopted by the next deploy)"));
    let (pending, problems) =
        match history::pending(&files, after_adoption.as_ref().unwrap_or(&applied)) {
            Ok(p) => (
                p.iter().map(|m| m.file_name.clone()).collect::<Vec<_>>(),
                Vec::new(),
            ),
            Err(Error::History { problems }) => (Vec::new(), problems),
            Err(e) => return Err(e),
        };
    if problems.is_empty() {
        history::say_comment_only_edits(&files, &applied, out);
    }
    let runs = runs::last(&client, 5).await;
    let database = settings.require_database()?.redacted();
    if json {
        let value = serde_json::json!({
            "database": database,
            "applied": applied,
            "adoption": adoption.as_ref().map(|a| serde_json::json!({
                "alembic_revisions": a.revisions,
                "version": a.version,
            })),
            "pending": pending,
            "problems": problems.iter().map(|p| serde_json::json!({"problem": p, "message": p.to_string()})).collect::<Vec<_>>(),
            "last_runs": runs,
        });
        out.out(&serde_json::to_string_pretty(&value).unwrap_or_default())?;
    } else {
        out.out(&format!("database: {database}"))?;
        out.out(&format!("applied: {}", applied.len()))?;
        if let Some(a) = &adoption {
            out.out(&format!("  {}", a.not_yet()))?;
        }
        for a in &applied {
            out.out(&format!(
                "  V{}__{}  applied {}",
                a.version,
                a.name,
                crate::text::to_the_second(&a.applied_on)
            ))?;
        }
        out.out(&format!("pending: {}", pending.len()))?;
        for p in &pending {
            out.out(&format!("  {p}"))?;
        }
        if !problems.is_empty() {
            out.out("problems:")?;
            for p in &problems {
                out.out(&format!("  {p}"))?;
            }
        }
        if !runs.is_empty() {
            out.out("last runs:")?;
            for r in &runs {
                out.out(&format!("  {r}"))?;
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::History { problems })
    }
}

/// `verify`: the live database against the expected schema; changes nothing.
pub async fn verify(settings: &Settings, json: bool, strict: bool, out: &Reporter) -> Result<()> {
    let project = Project::load(settings, out)?;
    let expected = super::require_expected(&project, out)?;
    let client = super::connect(settings, out).await?;
    let v = compare_live(&client, expected).await?;
    let text = std::fs::read_to_string(&settings.expected).unwrap_or_default();
    for f in &v.findings {
        let line = super::check::entry_line(&text, f);
        out.schema_finding(f, f.is_error(strict), Some((&settings.expected, line)));
    }
    if json {
        out.out(&serde_json::to_string_pretty(&v).unwrap_or_default())?;
    } else {
        for f in &v.findings {
            let kind = if f.is_error(strict) {
                "error"
            } else {
                "warning"
            };
            out.out(&format!("{kind}: {f}"))?;
        }
        if v.findings.is_empty() {
            out.out(&format!(
                "the database matches {}",
                settings.expected.display()
            ))?;
        }
    }
    if v.is_clean(strict) {
        Ok(())
    } else {
        Err(Error::VerificationFailed(VerificationFailure {
            findings: v.errors(strict).cloned().collect(),
            context: VerificationContext::Live {
                expected: settings.expected.clone(),
            },
        }))
    }
}
