//! `snapshot` and `check`: the expected schema file written from what the migrations build, and
//! the CI gate that the file, the migrations and the lint agree.

use std::path::Path;

use crate::config::Settings;
use crate::error::{Error, Result, VerificationContext, VerificationFailure};
use crate::lint::gate::{self as lint_gate, Offline};
use crate::lint::{Level, LintInput, LintReport, Removal};
use crate::migrations::Migration;
use crate::project::Project;
use crate::report::Reporter;
use crate::schema::{ExpectedSchema, QualifiedName, introspect};
use crate::verify::{self, Finding, gate::schemagate_tables};

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

/// `check`: the CI gate. The lint judges the whole history as a new database's bootstrap
/// (what a deploy to a new database judges), and the new files (those added or changed since
/// `since`, or else those newer than the expected file's version) against what the older ones
/// create, anything else assumed to exist and hold data. Then a scratch database built from
/// every file must be exactly the expected schema; a table or column the file has and the
/// migrations no longer build is named with the migration that dropped it.
pub async fn check(settings: &Settings, since: Option<&str>, out: &Reporter) -> Result<()> {
    let project = Project::load(settings, out)?;
    // Not `require_expected`: its advice to re-snapshot a stale file would come before the
    // lint's verdict on the new files; a stale version is reported below, after it.
    let Some(file) = &project.expected else {
        return super::require_expected(&project, out).map(drop);
    };
    let expected = file.schema()?;
    let report = lint_history(settings, &project, expected.version, since, out)?;
    lint_gate::refuse_denied(&report, out)?;
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
    let committed = std::fs::read_to_string(&settings.expected).unwrap_or_default();
    for f in &v.findings {
        out.out(&f.to_string())?;
        let line = entry_line(&committed, f);
        out.schema_finding(f, f.is_error(true), Some((&settings.expected, line)));
    }
    let vanished: Vec<Vanished> = v
        .errors(true)
        .filter_map(|f| vanished_by(f, &report.removals))
        .collect();
    for gone in &vanished {
        out.out(&gone.to_string())?;
        if let Some(r) = &gone.removal {
            out.lint_finding(&gone_finding(&gone.what, r));
        }
    }
    if stale {
        let shown = |v: Option<i32>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
        out.out(&format!(
            "the file's version is {}, the newest migration is {}",
            shown(expected.version),
            shown(newest)
        ))?;
    }
    let fresh = ExpectedSchema::from_schema(&schema, newest, &skip_list());
    let (old, new) = differing_entries(expected, &fresh, &v.findings);
    let diff = verify::toml_diff(&old.to_toml(), &new.to_toml());
    if !diff.is_empty() {
        out.out(&format!(
            "what differs (-: {}, +: what the migrations build):\n{}",
            settings.expected.display(),
            diff.trim_end()
        ))?;
    }
    Err(Error::VerificationFailed(VerificationFailure {
        findings: v.errors(true).cloned().collect(),
        context: VerificationContext::Check {
            expected: settings.expected.clone(),
            vanished: vanished.iter().map(|g| g.to_string()).collect(),
            unmarked: vanished
                .iter()
                .any(|g| g.removal.as_ref().is_some_and(|r| !r.marked)),
        },
    }))
}

/// The committed file and a fresh snapshot, cut down to the entries the findings are about (and
/// the version line), each written by the one writer. A file written by hand or by
/// `sqlalchemy-expected-schema` orders its columns its own way, and a spec such as `"*"` or
/// `"text"` that the database satisfies is no difference: a whole-file diff buried the real
/// findings under those. A table's columns and indexes are taken from the snapshot only where
/// a finding names them.
fn differing_entries(
    committed: &ExpectedSchema,
    fresh: &ExpectedSchema,
    findings: &[Finding],
) -> (ExpectedSchema, ExpectedSchema) {
    use std::collections::{BTreeMap, BTreeSet};
    let mut old = ExpectedSchema {
        version: committed.version,
        ..Default::default()
    };
    let mut new = ExpectedSchema {
        version: fresh.version,
        ..Default::default()
    };
    // Per table: the columns findings name, and whether an index finding names it.
    let mut tables: BTreeMap<&QualifiedName, (BTreeSet<&str>, bool, bool)> = BTreeMap::new();
    let mut enums: BTreeSet<&QualifiedName> = BTreeSet::new();
    for f in findings {
        match f {
            Finding::MissingTable { table } | Finding::UnmanagedTable { table } => {
                tables.entry(table).or_default().2 = true;
            }
            Finding::MissingColumn { table, column, .. }
            | Finding::WrongType { table, column, .. }
            | Finding::WrongNullability { table, column, .. }
            | Finding::UnmanagedColumn { table, column } => {
                tables.entry(table).or_default().0.insert(column);
            }
            Finding::MissingIndex { table, .. } | Finding::InvalidIndex { table, .. } => {
                tables.entry(table).or_default().1 = true;
            }
            Finding::MissingEnum { name } | Finding::MissingEnumValue { name, .. } => {
                enums.insert(name);
            }
            Finding::VanishedTable { .. } | Finding::LostRows { .. } => {}
        }
    }
    for (table, (columns, indexes, whole)) in tables {
        let before = committed.tables.get(table);
        let after = fresh.tables.get(table);
        if let Some(t) = before {
            old.tables.insert(table.clone(), t.clone());
        }
        let corrected = match (before, after) {
            (_, None) => None,
            (Some(_), Some(t)) if whole => Some(t.clone()),
            (None, Some(t)) => Some(t.clone()),
            (Some(b), Some(a)) => {
                let mut t = b.clone();
                for column in columns {
                    match a.columns.get(column) {
                        Some(spec) => t.columns.insert(column.to_string(), spec.clone()),
                        None => t.columns.remove(column),
                    };
                }
                if indexes {
                    t.indexes = a.indexes.clone();
                }
                Some(t)
            }
        };
        if let Some(t) = corrected {
            new.tables.insert(table.clone(), t);
        }
    }
    for name in enums {
        if let Some(e) = committed.enums.get(name) {
            old.enums.insert(name.clone(), e.clone());
        }
        if let Some(e) = fresh.enums.get(name) {
            new.enums.insert(name.clone(), e.clone());
        }
    }
    (old, new)
}

/// The lint of `check`: the whole history as a bootstrap, and the new files as new.
fn lint_history(
    settings: &Settings,
    project: &Project,
    version: Option<i32>,
    since: Option<&str>,
    out: &Reporter,
) -> Result<LintReport> {
    let files = &project.migrations;
    let inputs: Vec<LintInput> = files.iter().map(LintInput::from).collect();
    let mut report = lint_gate::read_offline(&inputs, Offline::Bootstrap, &project.policy);
    let changed = since
        .map(|reference| super::since::changed_since(reference, &settings.migrations))
        .transpose()?;
    let is_new = |m: &Migration| match &changed {
        Some(changed) => super::since::is_changed(m, changed),
        None => version.is_some_and(|v| m.version > v),
    };
    let judged = super::lint::since_inputs(files, is_new);
    let new: Vec<&str> = judged
        .iter()
        .filter(|i| !i.applied)
        .map(|i| i.file)
        .collect();
    if new.is_empty() {
        return Ok(report);
    }
    out.info(&format!(
        "judging {} against what the {} older file(s) create, as a database that has them does",
        new.join(", "),
        judged.len() - new.len()
    ));
    let as_new = lint_gate::read_offline(&judged, Offline::ExistingUnlessCreated, &project.policy);
    merge(&mut report, as_new, &inputs);
    Ok(report)
}

/// The findings of both readings, each once (the stricter level when both have it), in file
/// order.
fn merge(report: &mut LintReport, other: LintReport, inputs: &[LintInput]) {
    for finding in other.findings {
        let same = report.findings.iter_mut().find(|f| {
            (f.path.as_str(), f.line, f.column, f.rule.as_str())
                == (
                    finding.path.as_str(),
                    finding.line,
                    finding.column,
                    finding.rule.as_str(),
                )
        });
        match same {
            Some(f) if finding.level < f.level => *f = finding,
            Some(_) => {}
            None => report.findings.push(finding),
        }
    }
    let order = |path: &str| inputs.iter().position(|i| i.path == path);
    report
        .findings
        .sort_by_key(|f| (order(&f.path), f.line, f.column));
}

/// A table or column the expected file has and the migrations no longer build, and the last
/// statement that dropped or renamed it away.
struct Vanished {
    what: String,
    removal: Option<Removal>,
}

impl std::fmt::Display for Vanished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Some(r) = &self.removal else {
            return write!(
                f,
                "{} vanished: no migration drops or renames it in a way the lint can see",
                self.what
            );
        };
        let verb = if r.rule.starts_with("renaming") {
            "renames"
        } else {
            "drops"
        };
        write!(
            f,
            "{} vanished: {}:{}:{} {verb} it",
            self.what, r.file, r.line, r.column_no
        )?;
        if r.marked {
            f.write_str(" (marked as intended)")
        } else {
            write!(
                f,
                "; if that is intended, mark it with \"-- squawk-ignore {}\" on the line before that statement, then run `schemagate snapshot`",
                r.rule
            )
        }
    }
}

fn vanished_by(f: &Finding, removals: &[Removal]) -> Option<Vanished> {
    let key = |t: &QualifiedName| (t.schema.clone(), t.name.clone());
    let (what, removal) = match f {
        Finding::MissingTable { table } => (
            format!("table {table}"),
            removals
                .iter()
                .rev()
                .find(|r| r.table == key(table) && r.column.is_none()),
        ),
        Finding::MissingColumn { table, column, .. } => (
            format!("column {table}.{column}"),
            removals
                .iter()
                .rev()
                .find(|r| r.table == key(table) && r.column.as_ref().is_none_or(|c| c == column)),
        ),
        _ => return None,
    };
    Some(Vanished {
        what,
        removal: removal.cloned(),
    })
}

/// The statement behind a vanished object, as a finding on its file and line (for CI
/// annotations).
fn gone_finding(what: &str, r: &Removal) -> crate::lint::Finding {
    crate::lint::Finding {
        file: r.file.clone(),
        path: r.path.clone(),
        line: r.line,
        column: r.column_no,
        rule: r.rule.clone(),
        level: Level::Deny,
        message: format!("{what} is in the expected schema, and this statement removes it"),
        statement: String::new(),
        help: (!r.marked).then(|| {
            format!(
                "if that is intended, put \"-- squawk-ignore {}\" on the line before the statement, then run `schemagate snapshot`",
                r.rule
            )
        }),
    }
}

/// The line of the expected file's entry a finding is about (`[tables.users]`), when found.
pub(crate) fn entry_line(text: &str, f: &Finding) -> Option<usize> {
    let (section, name) = match f {
        Finding::MissingTable { table }
        | Finding::MissingColumn { table, .. }
        | Finding::WrongType { table, .. }
        | Finding::WrongNullability { table, .. }
        | Finding::MissingIndex { table, .. } => ("tables", table),
        Finding::MissingEnum { name } | Finding::MissingEnumValue { name, .. } => ("enums", name),
        _ => return None,
    };
    let shown = name.to_string();
    let headers = [
        format!("[{section}.{shown}]"),
        format!("[{section}.\"{shown}\"]"),
    ];
    text.lines()
        .position(|l| headers.iter().any(|h| l.trim() == h))
        .map(|i| i + 1)
}
