//! The comparison at the heart of schemagate: a live [`Schema`] against the expected schema
//! file, and against the schema as it was before the run ("nothing vanished").
//!
//! [`verify`] only compares and describes; [`gate`] decides what a comparison means for a
//! command (the exit code, what is printed); choosing which tables may be dropped (from
//! `-- squawk-ignore ban-drop-table`) is the lint's.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::schema::{ColumnSpec, ExpectedSchema, QualifiedName, Schema, expected::normalize_type};

mod diff;
pub mod finding;
pub mod gate;

pub use diff::toml_diff;
pub use finding::Finding;

/// Everything one comparison found, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The findings, expected-schema findings first, then vanished, then unmanaged objects.
    pub findings: Vec<Finding>,
}

impl Verification {
    /// Whether no finding is an error (see [`Finding::is_error`]).
    pub fn is_clean(&self, strict: bool) -> bool {
        !self.findings.iter().any(|finding| finding.is_error(strict))
    }

    /// The findings that fail verification.
    pub fn errors(&self, strict: bool) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.is_error(strict))
    }

    /// The findings that are only warnings.
    pub fn warnings(&self, strict: bool) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| !f.is_error(strict))
    }
}

/// Compares the database `after` a run with the expected schema file (if there is one) and
/// with the database `before` the run (if known).
///
/// `allowed_drops` are tables whose drop a pending migration explicitly allowed (a name of
/// `*` allows every table of its schema);
/// `ignored` are schemagate's own tables (history, runs), never unmanaged nor vanished.
pub fn verify(
    expected: Option<&ExpectedSchema>,
    before: Option<&Schema>,
    after: &Schema,
    allowed_drops: &BTreeSet<QualifiedName>,
    ignored: &BTreeSet<QualifiedName>,
) -> Verification {
    let mut findings = Vec::new();
    if let Some(expected) = expected {
        compare_expected(expected, after, &mut findings);
    }
    if let Some(before) = before {
        for table in before.tables.keys() {
            if !after.tables.contains_key(table)
                && !allowed_drops.contains(table)
                && !allowed_drops.contains(&QualifiedName::new(table.schema.clone(), "*"))
                && !ignored.contains(table)
            {
                findings.push(Finding::VanishedTable {
                    table: table.clone(),
                });
            }
        }
    }
    if let Some(expected) = expected {
        find_unmanaged(expected, after, ignored, &mut findings);
    }
    Verification { findings }
}

/// Whether an unqualified type in the file, `vector(1536)`, is the database's
/// `extensions.vector(1536)` because `extensions` is on the `search_path`: what PostgreSQL
/// resolves the name to there. (Files written before types carried their schema say it so.)
fn resolves_to(expected: &str, live: &str, search_path: &BTreeSet<String>) -> bool {
    let expected = normalize_type(expected);
    let live = normalize_type(live);
    search_path.iter().any(|schema| {
        let plain = schema
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
            && schema
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'$');
        let prefix = if plain {
            format!("{schema}.")
        } else {
            format!("\"{}\".", schema.replace('"', "\"\""))
        };
        live.strip_prefix(&prefix) == Some(expected.as_str())
    })
}

fn compare_expected(expected: &ExpectedSchema, after: &Schema, findings: &mut Vec<Finding>) {
    for (name, wanted) in &expected.tables {
        let Some(table) = after.tables.get(name) else {
            findings.push(Finding::MissingTable {
                table: name.clone(),
            });
            continue;
        };
        for (column, spec) in &wanted.columns {
            let Some(live) = table.columns.get(column) else {
                findings.push(Finding::MissingColumn {
                    table: name.clone(),
                    column: column.clone(),
                    expected: spec.clone(),
                });
                continue;
            };
            let ColumnSpec::Typed {
                data_type,
                not_null,
            } = spec
            else {
                continue;
            };
            // The file's type is normalised when loaded; the live spelling is format_type's,
            // so equal strings are the common case and skip the normaliser.
            if *data_type != live.data_type
                && normalize_type(data_type) != normalize_type(&live.data_type)
                && !resolves_to(data_type, &live.data_type, &after.search_path)
            {
                findings.push(Finding::WrongType {
                    table: name.clone(),
                    column: column.clone(),
                    expected: data_type.clone(),
                    actual: live.data_type.clone(),
                });
            }
            if let Some(not_null) = *not_null
                && not_null != live.not_null
            {
                findings.push(Finding::WrongNullability {
                    table: name.clone(),
                    column: column.clone(),
                    expected_not_null: not_null,
                });
            }
        }
        for index in &wanted.indexes {
            if !table.indexes.contains(index) {
                findings.push(Finding::MissingIndex {
                    table: name.clone(),
                    index: index.clone(),
                });
            } else if table.invalid_indexes.contains(index) {
                findings.push(Finding::InvalidIndex {
                    table: name.clone(),
                    index: index.clone(),
                    required: true,
                });
            }
        }
    }
    for (name, wanted) in &expected.enums {
        let Some(values) = after.enums.get(name) else {
            findings.push(Finding::MissingEnum { name: name.clone() });
            continue;
        };
        for value in &wanted.values {
            if !values.contains(value) {
                findings.push(Finding::MissingEnumValue {
                    name: name.clone(),
                    value: value.clone(),
                });
            }
        }
    }
}

fn find_unmanaged(
    expected: &ExpectedSchema,
    after: &Schema,
    ignored: &BTreeSet<QualifiedName>,
    findings: &mut Vec<Finding>,
) {
    for (name, table) in &after.tables {
        if ignored.contains(name) {
            continue;
        }
        let required = expected.tables.get(name).map(|t| &t.indexes);
        for index in &table.invalid_indexes {
            if !required.is_some_and(|r| r.contains(index)) {
                findings.push(Finding::InvalidIndex {
                    table: name.clone(),
                    index: index.clone(),
                    required: false,
                });
            }
        }
        let Some(wanted) = expected.tables.get(name) else {
            findings.push(Finding::UnmanagedTable {
                table: name.clone(),
            });
            continue;
        };
        for column in table.columns.keys() {
            if !wanted.columns.contains_key(column) {
                findings.push(Finding::UnmanagedColumn {
                    table: name.clone(),
                    column: column.clone(),
                });
            }
        }
    }
}
