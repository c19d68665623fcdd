//! Verification as a stage of the deploy: compare, print the warnings, and refuse (exit 9) when
//! anything required is missing or a table vanished, saying what the failure left behind.
//!
//! With nothing pending, a verification whose inputs are unchanged (the same catalog
//! fingerprint, the same expected file) is not repeated: [`unchanged`] reuses it.

use std::collections::BTreeSet;

use tokio_postgres::GenericClient;

use super::Verification;
use crate::error::{Error, Result, VerificationContext, VerificationFailure};
use crate::history::HISTORY_TABLE;
use crate::report::Reporter;
use crate::runs::RUNS_TABLE;
use crate::schema::fingerprint::{Verified, verified_key};
use crate::schema::{ExpectedFile, QualifiedName, Schema, introspect_with_fingerprint};
use crate::text;

/// What a verification compares besides the expected file, and what its failure means.
#[derive(Debug, Clone, Copy)]
pub struct Check<'a> {
    /// The schema before the run, for "no table vanished".
    pub before: Option<&'a Schema>,
    /// Tables whose drop a pending migration explicitly allowed.
    pub allowed: &'a BTreeSet<QualifiedName>,
    /// The run's migrations (file names), named in a failure.
    pub pending: &'a [String],
    /// Names the pending no-transaction migrations mention: requirements on them wait for the
    /// check that follows those migrations (see [`crate::notx::names`]).
    pub deferred: &'a BTreeSet<String>,
    /// Whether the transactional migrations are already committed (the check after the
    /// no-transaction ones), so a failure cannot roll them back.
    pub after_commit: bool,
}

impl Check<'static> {
    /// Nothing pending: the expected file only.
    pub fn unchanged() -> Check<'static> {
        static EMPTY_NAMES: BTreeSet<String> = BTreeSet::new();
        static EMPTY_TABLES: BTreeSet<QualifiedName> = BTreeSet::new();
        Check {
            before: None,
            allowed: &EMPTY_TABLES,
            pending: &[],
            deferred: &EMPTY_NAMES,
            after_commit: false,
        }
    }
}

/// The tables schemagate itself owns: never unmanaged, never "vanished".
pub fn schemagate_tables() -> BTreeSet<QualifiedName> {
    [HISTORY_TABLE, RUNS_TABLE]
        .into_iter()
        .map(QualifiedName::parse)
        .collect()
}

/// Verify `after`: errors refuse the run, warnings are printed and returned.
pub fn check(
    expected: Option<&ExpectedFile>,
    after: &Schema,
    check: Check,
    out: &Reporter,
) -> Result<Vec<String>> {
    let schema = expected.map(ExpectedFile::schema).transpose()?;
    let verification = super::verify(
        schema,
        check.before,
        after,
        check.allowed,
        &schemagate_tables(),
    );
    let stale = expected
        .map(ExpectedFile::stale_warning)
        .transpose()?
        .flatten();
    let warnings: Vec<String> = stale
        .into_iter()
        .chain(verification.warnings(false).map(|w| w.to_string()))
        .collect();
    for w in &warnings {
        out.warn(w);
    }
    let (deferred, errors): (Vec<_>, Vec<_>) = verification
        .errors(false)
        .partition(|f| f.subject().is_some_and(|s| check.deferred.contains(s)));
    for f in deferred {
        out.info(&format!(
            "{f}: left for the no-transaction migrations, checked after them"
        ));
    }
    if errors.is_empty() {
        if let (Some(file), Some(schema)) = (expected, schema) {
            out.info(&format!(
                "verified against {}: {} and {} as required",
                file.path().display(),
                text::count(schema.tables.len(), "table"),
                text::count(schema.enums.len(), "enum")
            ));
        }
        return Ok(warnings);
    }
    let pending = check.pending.to_vec();
    let context = if check.after_commit {
        VerificationContext::AfterCommit { pending }
    } else {
        VerificationContext::BeforeCommit {
            pending,
            committed: Vec::new(),
        }
    };
    Err(Error::VerificationFailed(VerificationFailure {
        findings: errors.into_iter().cloned().collect(),
        context,
    }))
}

/// The clean verification of `expected` against the catalog with `fingerprint`, to be
/// remembered; a reuse repeats its `warnings`.
pub fn remember(expected: &ExpectedFile, fingerprint: &str, warnings: Vec<String>) -> Verified {
    Verified {
        key: verified_key(fingerprint, expected.bytes()),
        warnings,
    }
}

/// Nothing pending: the schema must still be what the expected file says. When the catalog
/// and the file are exactly as they were at the last clean verification (same key), that
/// verification stands and its warnings are repeated; otherwise the schema is read and
/// compared in full. This is the path every deploy of an unchanged app takes, so the common
/// case is one short query instead of reading the whole catalog.
pub async fn unchanged(
    client: &impl GenericClient,
    expected: Option<&ExpectedFile>,
    fingerprint: Option<&str>,
    last: Option<&Verified>,
    out: &Reporter,
) -> Result<Option<Verified>> {
    // Without the file there is nothing to compare, and nothing can vanish when nothing runs.
    let (Some(expected), Some(fingerprint)) = (expected, fingerprint) else {
        return Ok(None);
    };
    if let Some(last) = last
        && last.key == verified_key(fingerprint, expected.bytes())
    {
        out.info(
            "verified: the schema and the expected file are unchanged since the last verification",
        );
        for w in &last.warnings {
            out.warn(w);
        }
        return Ok(Some(last.clone()));
    }
    let (schema, fingerprint) = introspect_with_fingerprint(client)
        .await
        .map_err(|e| Error::database("reading the schema", &e))?;
    let warnings = check(Some(expected), &schema, Check::unchanged(), out)?;
    Ok(Some(remember(expected, &fingerprint, warnings)))
}

/// The live database against `expected`, as it is now (nothing vanished is not asked: there
/// is no run to compare with), for `verify` and `baseline`.
pub async fn compare_live(
    client: &impl GenericClient,
    expected: &crate::schema::ExpectedSchema,
) -> Result<Verification> {
    let live = crate::schema::introspect(client)
        .await
        .map_err(|e| Error::database("reading the schema", &e))?;
    Ok(super::verify(
        Some(expected),
        None,
        &live,
        &BTreeSet::new(),
        &schemagate_tables(),
    ))
}
