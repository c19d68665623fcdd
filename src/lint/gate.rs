//! The lint as a stage of a command: judge the files, print what is worth reading, and refuse
//! (exit 6) when anything is denied. `deploy`, `plan` and `lint` judge pending migrations
//! against the database as it is; `lint FILES`, `lint --all` and `check` judge files offline.

use std::collections::BTreeSet;

use tokio_postgres::Client;

use super::{ExistingObjects, LintContext, LintInput, LintPolicy, LintReport, Unparsable};
use crate::error::{Error, Result};
use crate::migrations::Migration;
use crate::report::Reporter;
use crate::schema::QualifiedName;

/// `server_version_num` assumed offline, where no server can be asked: PostgreSQL 15.
const OFFLINE_SERVER_VERSION_NUM: i32 = 150_000;

/// Lint the pending migrations against the database as it is now; exit 6 on a denial.
/// Returns the tables whose drop they explicitly allow, which verification accepts as gone.
pub async fn judge_pending(
    client: &Client,
    pending: &[&Migration],
    policy: &LintPolicy,
    server_version_num: i32,
    unparsable: Unparsable,
    out: &Reporter,
) -> Result<BTreeSet<QualifiedName>> {
    let existing = super::read_existing(client)
        .await
        .map_err(|e| Error::database("reading the existing tables", &e))?;
    let inputs: Vec<LintInput> = pending.iter().map(|m| LintInput::from(*m)).collect();
    let ctx = LintContext {
        existing: &existing,
        policy,
        unparsable,
        server_version_num,
    };
    let report = super::lint_with(&inputs, &ctx);
    refuse_denied(&report, out)?;
    Ok(report
        .allowed_drops
        .into_iter()
        .map(|(schema, name)| QualifiedName::new(schema, name))
        .collect())
}

/// Lint files as on a fresh database (`lint FILES`, `lint --all`, `check`): nothing exists
/// before them, and a statement the parser cannot read is a finding.
pub fn judge_offline(inputs: &[LintInput], policy: &LintPolicy, out: &Reporter) -> Result<()> {
    let existing = ExistingObjects::new();
    let ctx = LintContext {
        existing: &existing,
        policy,
        unparsable: Unparsable::Deny,
        server_version_num: OFFLINE_SERVER_VERSION_NUM,
    };
    refuse_denied(&super::lint_with(inputs, &ctx), out)
}

/// Print the warnings; exit 6 with the denials when there are any.
fn refuse_denied(report: &LintReport, out: &Reporter) -> Result<()> {
    for w in report.warnings() {
        out.warn(&w.to_string());
    }
    let findings: Vec<_> = report.denied().cloned().collect();
    if findings.is_empty() {
        Ok(())
    } else {
        Err(Error::LintRefused { findings })
    }
}
