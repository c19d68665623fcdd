//! `snapshot` and `check`: the expected schema file written from what the migrations build, and
//! the CI gate that the file, the migrations and the lint agree.

use std::path::Path;

use crate::config::Settings;
use crate::error::{Error, Result, VerificationContext, VerificationFailure};
use crate::lint::{LintInput, gate as lint_gate};
use crate::project::Project;
use crate::report::Reporter;
use crate::schema::{ExpectedSchema, QualifiedName, introspect};
use crate::verify::{self, gate::schemagate_tables};

/// schemagate's own tables, left out of an expected schema file.
pub(crate) fn skip_list() -> Vec<QualifiedName> {
    schemagate_tables().into_iter().collect()
}

/// `snapshot`: write the expected schema file.
pub async fn snapshot(
    settings: &Settings,
    output: Option<&Path>,
    from_live: bool,
    out: &Reporter,
) -> Result<()> {
    let files = crate::migrations::load(&settings.migrations)?;
    let schema = if from_live {
        let client = super::connect(settings, out).await?;
        introspect(&client)
            .await
            .map_err(|e| Error::database("reading the schema", &e))?
    } else {
        super::scratch::schema_of(settings, &files, out).await?
    };
    let version = files.iter().map(|m| m.version).max();
    let expected = ExpectedSchema::from_schema(&schema, version, &skip_list());
    let path = output.unwrap_or(&settings.expected);
    std::fs::write(path, expected.to_toml()).map_err(|e| Error::File {
        path: path.to_path_buf(),
        cause: format!("cannot write: {e}"),
    })?;
    // Counted from the file: schemagate's own tables are left out of it.
    out.info(&format!(
        "wrote {} ({}, {})",
        path.display(),
        crate::text::count(expected.tables.len(), "table"),
        crate::text::count(expected.enums.len(), "enum")
    ));
    Ok(())
}

/// `check`: the CI gate.
pub async fn check(settings: &Settings, out: &Reporter) -> Result<()> {
    let project = Project::load(settings, out)?;
    let inputs: Vec<LintInput> = project.migrations.iter().map(LintInput::from).collect();
    lint_gate::judge_offline(&inputs, &project.policy, out)?;
    let expected = super::require_expected(&project, out)?;
    let newest = project.newest_version();
    let schema = super::scratch::schema_of(settings, &project.migrations, out).await?;
    let v = verify::verify(
        Some(expected),
        None,
        &schema,
        &Default::default(),
        &schemagate_tables(),
    );
    let stale = expected.version != newest;
    if v.is_clean(true) && !stale {
        out.out(&format!(
            "check passed: {} migrations build exactly {}",
            project.migrations.len(),
            settings.expected.display()
        ))?;
        return Ok(());
    }
    for f in &v.findings {
        out.out(&f.to_string())?;
    }
    if stale {
        let shown = |v: Option<i32>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
        out.out(&format!(
            "the file's version is {}, the newest migration is {}",
            shown(expected.version),
            shown(newest)
        ))?;
    }
    let committed = std::fs::read_to_string(&settings.expected).unwrap_or_default();
    let fresh = ExpectedSchema::from_schema(&schema, newest, &skip_list()).to_toml();
    out.out(&verify::toml_diff(&committed, &fresh))?;
    Err(Error::VerificationFailed(VerificationFailure {
        findings: v.errors(true).cloned().collect(),
        context: VerificationContext::Check {
            expected: settings.expected.clone(),
        },
    }))
}
