//! The lint as a stage of a command: judge the files, show what is worth reading through the
//! reporter, and refuse (exit 6) when anything is denied.
//!
//! `deploy`, `plan` and `lint` judge pending migrations against the database as it is
//! ([`judge_pending`]). Offline there are two worlds ([`Offline`]): a bootstrap of an empty
//! database (`lint --all`, and `check` for the whole history: what a deploy to a new database
//! judges), and "existing unless created here" (`lint FILES`, `lint --since`, `check`'s new
//! files): every object the linted set did not create is assumed to exist and hold data.

use std::collections::BTreeSet;

use tokio_postgres::Client;

use super::{ExistingObjects, LintContext, LintInput, LintPolicy, LintReport, Losses, Unparsable};
use crate::error::{Error, Result};
use crate::migrations::Migration;
use crate::report::Reporter;
use crate::schema::QualifiedName;

/// `server_version_num` assumed offline, where no server can be asked: PostgreSQL 15.
const OFFLINE_SERVER_VERSION_NUM: i32 = 150_000;

/// What the pending migrations are allowed to do that verification and the guard check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Allowed {
    /// Tables whose drop they explicitly allow, which verification accepts as gone.
    pub drops: BTreeSet<QualifiedName>,
    /// The losses of rows they explain, for the guard before COMMIT.
    pub losses: Losses,
}

/// Lint the pending migrations against the database as it is now; exit 6 on a denial.
/// Returns what they are allowed to do.
pub async fn judge_pending(
    client: &Client,
    pending: &[&Migration],
    policy: &LintPolicy,
    server_version_num: i32,
    unparsable: Unparsable,
    out: &Reporter,
) -> Result<Allowed> {
    let report = read_pending(client, pending, policy, server_version_num, unparsable).await?;
    refuse_denied(&report, out)?;
    Ok(allowed(report))
}

/// The lint report of the pending migrations against the database as it is now, without
/// printing or refusing (`lint --json`).
pub async fn read_pending(
    client: &Client,
    pending: &[&Migration],
    policy: &LintPolicy,
    server_version_num: i32,
    unparsable: Unparsable,
) -> Result<LintReport> {
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
    Ok(super::lint_with(&inputs, &ctx))
}

/// What a report allows, as verification and the guard take it.
pub fn allowed(report: LintReport) -> Allowed {
    Allowed {
        drops: report
            .allowed_drops
            .into_iter()
            .map(|(schema, name)| QualifiedName::new(schema, name))
            .collect(),
        losses: report.losses,
    }
}

/// The world an offline lint judges in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Offline {
    /// A new, empty database: nothing exists before the first file (`lint --all`).
    Bootstrap,
    /// Any database: what the files (and the older ones, replayed as applied) did not
    /// create is assumed to exist and hold data (`lint FILES`, `lint --since`, `check`).
    ExistingUnlessCreated,
}

/// Lint files offline in `world`, without printing or refusing. Inputs marked `applied` are
/// older files: they build the picture and are not judged.
pub fn read_offline(inputs: &[LintInput], world: Offline, policy: &LintPolicy) -> LintReport {
    let existing = match world {
        Offline::Bootstrap => ExistingObjects::new(),
        Offline::ExistingUnlessCreated => ExistingObjects::offline(),
    };
    let ctx = LintContext {
        existing: &existing,
        policy,
        unparsable: Unparsable::Deny,
        server_version_num: OFFLINE_SERVER_VERSION_NUM,
    };
    super::lint_with(inputs, &ctx)
}

/// Show the findings worth reading (warnings; and, in the formats that carry them one by one,
/// the denials); exit 6 with the denials when there are any.
pub fn refuse_denied(report: &LintReport, out: &Reporter) -> Result<()> {
    for f in &report.findings {
        out.lint_finding(f);
    }
    let findings: Vec<_> = report.denied().cloned().collect();
    if findings.is_empty() {
        Ok(())
    } else {
        Err(Error::LintRefused {
            findings,
            kept: None,
        })
    }
}
