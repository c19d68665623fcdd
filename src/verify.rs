//! The comparison at the heart of schemagate: a live [`Schema`] against the expected schema
//! file, and against the schema as it was before the run ("nothing vanished").
//!
//! It only compares and describes; deciding the exit code, printing, and choosing which
//! tables may be dropped (from `-- squawk-ignore ban-drop-table`) are left to the caller.

use std::collections::BTreeSet;
use std::fmt;

use serde::Serialize;

use crate::schema::{ColumnSpec, ExpectedSchema, QualifiedName, Schema, expected::normalize_type};

/// Everything one comparison found, in a stable order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Verification {
    /// The findings, expected-schema findings first, then vanished, then unmanaged objects.
    pub findings: Vec<Finding>,
}

/// One difference between what was expected and what the database holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// A table in the file is not in the database.
    MissingTable {
        /// The table.
        table: QualifiedName,
    },
    /// A column in the file is not in its table.
    MissingColumn {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// What the file requires of it.
        expected: ColumnSpec,
    },
    /// A column has another type than the file says.
    WrongType {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// The type in the file, normalised.
        expected: String,
        /// The type in the database, in `format_type` spelling.
        actual: String,
    },
    /// A column is nullable where the file says `not null`, or the reverse.
    WrongNullability {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
        /// Whether the file requires `not null`.
        expected_not_null: bool,
    },
    /// An index in the file is not on its table.
    MissingIndex {
        /// The table.
        table: QualifiedName,
        /// The index.
        index: String,
    },
    /// An enum type in the file is not in the database.
    MissingEnum {
        /// The enum type.
        name: QualifiedName,
    },
    /// An enum label in the file is not in the database's enum.
    MissingEnumValue {
        /// The enum type.
        name: QualifiedName,
        /// The missing label.
        value: String,
    },
    /// A table that existed before the run is gone after it, and its drop was not allowed.
    VanishedTable {
        /// The table.
        table: QualifiedName,
    },
    /// A table in the database that the file does not mention.
    UnmanagedTable {
        /// The table.
        table: QualifiedName,
    },
    /// A column in the database that the file does not mention, in a table it does.
    UnmanagedColumn {
        /// The table.
        table: QualifiedName,
        /// The column.
        column: String,
    },
}

impl Finding {
    /// The name of the object a missing or wrong requirement is about (index, column, table,
    /// enum type or value), which a pending no-transaction migration may create. `None` for a
    /// vanished table (nothing later brings it back) and for unmanaged objects.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Finding::MissingTable { table } => Some(&table.name),
            Finding::MissingColumn { column, .. }
            | Finding::WrongType { column, .. }
            | Finding::WrongNullability { column, .. } => Some(column),
            Finding::MissingIndex { index, .. } => Some(index),
            Finding::MissingEnum { name } => Some(&name.name),
            Finding::MissingEnumValue { value, .. } => Some(value),
            Finding::VanishedTable { .. }
            | Finding::UnmanagedTable { .. }
            | Finding::UnmanagedColumn { .. } => None,
        }
    }

    /// Whether this finding fails verification. Unmanaged objects are warnings unless
    /// `strict` (`verify --strict`, `check`).
    pub fn is_error(&self, strict: bool) -> bool {
        match self {
            Finding::UnmanagedTable { .. } | Finding::UnmanagedColumn { .. } => strict,
            Finding::MissingTable { .. }
            | Finding::MissingColumn { .. }
            | Finding::WrongType { .. }
            | Finding::WrongNullability { .. }
            | Finding::MissingIndex { .. }
            | Finding::MissingEnum { .. }
            | Finding::MissingEnumValue { .. }
            | Finding::VanishedTable { .. } => true,
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Finding::MissingTable { table } => write!(f, "missing table {table}"),
            Finding::MissingColumn {
                table,
                column,
                expected,
            } => write!(f, "missing column {table}.{column} (expected {expected})"),
            Finding::WrongType {
                table,
                column,
                expected,
                actual,
            } => write!(
                f,
                "wrong type for column {table}.{column}: expected {expected}, found {actual}"
            ),
            Finding::WrongNullability {
                table,
                column,
                expected_not_null,
            } => {
                let (expected, found) = if *expected_not_null {
                    ("not null", "nullable")
                } else {
                    ("nullable", "not null")
                };
                write!(
                    f,
                    "wrong nullability for column {table}.{column}: expected {expected}, found {found}"
                )
            }
            Finding::MissingIndex { table, index } => {
                write!(f, "missing index {index} on table {table}")
            }
            Finding::MissingEnum { name } => write!(f, "missing enum type {name}"),
            Finding::MissingEnumValue { name, value } => {
                write!(f, "missing value {value:?} in enum type {name}")
            }
            Finding::VanishedTable { table } => {
                write!(f, "table {table} vanished during this run")
            }
            Finding::UnmanagedTable { table } => {
                write!(f, "unmanaged table {table} (not in the expected schema)")
            }
            Finding::UnmanagedColumn { table, column } => {
                write!(
                    f,
                    "unmanaged column {table}.{column} (not in the expected schema)"
                )
            }
        }
    }
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

/// Writes one changed line, preceded by its section header the first time.
fn emit_change(out: &mut String, sign: char, line: &str, header: Option<&str>, shown: &mut bool) {
    if !*shown && let Some(header) = header {
        out.push(' ');
        out.push_str(header);
        out.push('\n');
    }
    *shown = true;
    out.push(sign);
    out.push_str(line);
    out.push('\n');
}

/// A line diff from `old` to `new` (for `check`: the committed file against a fresh
/// snapshot). Changed lines start with `-` or `+`; the `[section]` header above a change is
/// shown with a leading space. Empty when the texts are equal.
pub fn toml_diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    let mut out = String::new();
    let mut header: Option<&str> = None;
    let mut header_shown = false;
    for edit in diff_lines(&old, &new) {
        match edit {
            Edit::Same(line) => {
                if line.starts_with('[') {
                    header = Some(line);
                    header_shown = false;
                }
            }
            Edit::Removed(line) => emit_change(&mut out, '-', line, header, &mut header_shown),
            Edit::Added(line) => emit_change(&mut out, '+', line, header, &mut header_shown),
        }
    }
    out
}

enum Edit<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

/// A longest-common-subsequence diff after trimming the common prefix and suffix. Above a
/// size where the table would be too big, the differing middle is shown as removed then added.
fn diff_lines<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Edit<'a>> {
    const MAX_CELLS: usize = 4_000_000;
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let (a, b) = (
        &old[prefix..old.len() - suffix],
        &new[prefix..new.len() - suffix],
    );
    let mut edits: Vec<Edit<'a>> = old[..prefix].iter().map(|l| Edit::Same(l)).collect();
    if (a.len() + 1) * (b.len() + 1) > MAX_CELLS {
        edits.extend(a.iter().map(|l| Edit::Removed(l)));
        edits.extend(b.iter().map(|l| Edit::Added(l)));
    } else {
        let width = b.len() + 1;
        let mut lcs = vec![0u32; (a.len() + 1) * width];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                lcs[i * width + j] = if a[i] == b[j] {
                    lcs[(i + 1) * width + j + 1] + 1
                } else {
                    lcs[(i + 1) * width + j].max(lcs[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            if i < a.len() && j < b.len() && a[i] == b[j] {
                edits.push(Edit::Same(a[i]));
                i += 1;
                j += 1;
            } else if i < a.len()
                && (j == b.len() || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
            {
                edits.push(Edit::Removed(a[i]));
                i += 1;
            } else {
                edits.push(Edit::Added(b[j]));
                j += 1;
            }
        }
    }
    edits.extend(old[old.len() - suffix..].iter().map(|l| Edit::Same(l)));
    edits
}

#[cfg(test)]
mod tests {
    use super::toml_diff;

    #[test]
    fn diff_shows_changed_lines_under_their_section() {
        let old = "version = 1\n\n[tables.a]\ncolumns = { id = \"bigint not null\" }\n\n[tables.b]\ncolumns = {}\n";
        let new = "version = 1\n\n[tables.a]\ncolumns = { id = \"integer not null\" }\n\n[tables.b]\ncolumns = {}\n";
        assert_eq!(
            toml_diff(old, new),
            " [tables.a]\n-columns = { id = \"bigint not null\" }\n+columns = { id = \"integer not null\" }\n"
        );
        assert_eq!(toml_diff(old, old), "");
    }
}
