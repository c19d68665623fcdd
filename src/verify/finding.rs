//! One difference between the expected schema and the database, as plain data: the gate turns
//! it into an exit code, the error and `verify --json` render it.

use std::fmt;

use serde::Serialize;

use crate::schema::{ColumnSpec, QualifiedName};

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
    /// An index exists but is INVALID (a failed `CREATE INDEX CONCURRENTLY` left it): it
    /// enforces nothing, and `IF NOT EXISTS` skips it.
    InvalidIndex {
        /// The table.
        table: QualifiedName,
        /// The index.
        index: String,
        /// Whether the expected schema requires it (an error), or it is just there (a warning).
        required: bool,
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
    /// A table that existed before the run lost a large share of its rows in the migration
    /// transaction (deleted, or truncated), and no allowed statement explains it: the guard
    /// before COMMIT (`crate::guard`).
    LostRows {
        /// The table.
        table: QualifiedName,
        /// Rows before the transaction; `None` when unknown (a truncated table never counted
        /// or analysed).
        before: Option<u64>,
        /// Rows now.
        after: u64,
        /// Rows this transaction deleted.
        deleted: u64,
        /// Rows this transaction updated.
        updated: u64,
        /// Whether its storage was replaced while it emptied (`TRUNCATE`).
        truncated: bool,
        /// The rule whose ignore comment marks such a loss intended.
        rule: String,
        /// The statements to look at: those that visibly empty the table, else those the lint
        /// cannot see into (`file:line:column (what)`).
        statements: Vec<String>,
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
            Finding::MissingIndex { index, .. } | Finding::InvalidIndex { index, .. } => {
                Some(index)
            }
            Finding::MissingEnum { name } => Some(&name.name),
            Finding::MissingEnumValue { value, .. } => Some(value),
            Finding::VanishedTable { .. }
            | Finding::LostRows { .. }
            | Finding::UnmanagedTable { .. }
            | Finding::UnmanagedColumn { .. } => None,
        }
    }

    /// The finding's kind, as its JSON `kind` field spells it (`missing_table`).
    pub fn kind(&self) -> &'static str {
        match self {
            Finding::MissingTable { .. } => "missing_table",
            Finding::MissingColumn { .. } => "missing_column",
            Finding::WrongType { .. } => "wrong_type",
            Finding::WrongNullability { .. } => "wrong_nullability",
            Finding::MissingIndex { .. } => "missing_index",
            Finding::InvalidIndex { .. } => "invalid_index",
            Finding::MissingEnum { .. } => "missing_enum",
            Finding::MissingEnumValue { .. } => "missing_enum_value",
            Finding::VanishedTable { .. } => "vanished_table",
            Finding::LostRows { .. } => "lost_rows",
            Finding::UnmanagedTable { .. } => "unmanaged_table",
            Finding::UnmanagedColumn { .. } => "unmanaged_column",
        }
    }

    /// How to act on it, where that does not depend on the command.
    pub fn hint(&self) -> Option<String> {
        match self {
            Finding::VanishedTable { .. } => Some(
                "if the drop is intended, put \"-- squawk-ignore ban-drop-table\" on the line before the statement that drops it (renaming-table for a rename)".into(),
            ),
            Finding::LostRows { rule, .. } => Some(format!(
                "if this is intended, put \"-- squawk-ignore {rule}\" on the line before the statement that does it; how large a loss needs that is the max_row_loss setting"
            )),
            Finding::UnmanagedTable { .. } | Finding::UnmanagedColumn { .. } => Some(
                "add it to the expected schema file (schemagate snapshot), or drop it if nothing uses it".into(),
            ),
            _ => None,
        }
    }

    /// Whether this finding fails verification. Unmanaged objects are warnings unless
    /// `strict` (`verify --strict`, `check`).
    pub fn is_error(&self, strict: bool) -> bool {
        match self {
            Finding::UnmanagedTable { .. } | Finding::UnmanagedColumn { .. } => strict,
            Finding::InvalidIndex { required, .. } => *required || strict,
            Finding::MissingTable { .. }
            | Finding::MissingColumn { .. }
            | Finding::WrongType { .. }
            | Finding::WrongNullability { .. }
            | Finding::MissingIndex { .. }
            | Finding::MissingEnum { .. }
            | Finding::MissingEnumValue { .. }
            | Finding::VanishedTable { .. }
            | Finding::LostRows { .. } => true,
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
            Finding::InvalidIndex { table, index, .. } => write!(
                f,
                "index {index} on table {table} is INVALID (a concurrent build failed and left it; it enforces nothing): drop it with DROP INDEX CONCURRENTLY {}; then build it again",
                QualifiedName::new(table.schema.clone(), index.clone()).sql()
            ),
            Finding::MissingEnum { name } => write!(f, "missing enum type {name}"),
            Finding::MissingEnumValue { name, value } => {
                write!(f, "missing value {value:?} in enum type {name}")
            }
            Finding::VanishedTable { table } => {
                write!(f, "table {table} vanished during this run")
            }
            Finding::LostRows {
                table,
                before,
                after,
                deleted,
                updated,
                truncated,
                statements,
                ..
            } => {
                let had = before.map_or_else(|| "its".to_string(), |n| format!("{n}"));
                let lost = before.map_or_else(
                    || "all".to_string(),
                    |n| {
                        format!(
                            "{}",
                            if *truncated {
                                n.saturating_sub(*after)
                            } else {
                                *deleted
                            }
                        )
                    },
                );
                let how = if *truncated {
                    "truncated".to_string()
                } else {
                    format!("{deleted} deleted")
                };
                write!(
                    f,
                    "table {table} lost {lost} of {had} rows in this transaction ({how}, {updated} updated, {after} left), and no allowed statement explains it"
                )?;
                if !statements.is_empty() {
                    write!(f, ": {}", statements.join(", "))?;
                }
                Ok(())
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
