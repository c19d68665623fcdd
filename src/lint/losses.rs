//! Which losses of rows the pending migrations explain, as plain data for the guard that
//! checks the transaction before COMMIT ([`crate::guard`]): the tables an allowed statement
//! truncates or deletes from, and where each table is visibly emptied, so that a loss nobody
//! allowed can be named with the statement to annotate.

use std::collections::{BTreeMap, BTreeSet};

use super::objects::TableName;

/// A statement, by place, for a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The file, as the command found it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What the statement is, in a few words (`TRUNCATE`, `a DO block`).
    pub what: String,
}

impl std::fmt::Display for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}:{} ({})",
            self.file, self.line, self.column, self.what
        )
    }
}

/// The losses of rows a run explains, and the statements behind them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Losses {
    /// Tables an allowed `TRUNCATE` empties (allowed: an ignore comment on it, or its rule
    /// not denied by the policy).
    pub truncations: BTreeSet<TableName>,
    /// Tables an allowed `DELETE` removes rows from (an ignore comment for
    /// `ban-delete-without-where` on it, or that rule not denied by the policy).
    pub deletions: BTreeSet<TableName>,
    /// Every truncation is explained: an allowed `TRUNCATE ... CASCADE` (which empties
    /// tables it does not name), an ignore for `ban-truncate` on a statement the lint cannot
    /// see into, or `ban-truncate` not denied by the policy.
    pub any_truncation: bool,
    /// Every deletion is explained, the same way with `ban-delete-without-where`.
    pub any_deletion: bool,
    /// Tables the run creates: whatever happens to them, they held nothing before it.
    pub created: BTreeSet<TableName>,
    /// Where each table is visibly truncated or deleted from.
    pub sites: BTreeMap<TableName, Vec<Site>>,
    /// Statements the lint cannot see into (`DO`, `CALL`, function calls).
    pub opaque: Vec<Site>,
}

impl Losses {
    /// Whether a truncation of `table` is explained.
    pub fn explains_truncation(&self, table: &TableName) -> bool {
        self.any_truncation || self.truncations.contains(table) || self.created.contains(table)
    }

    /// Whether rows deleted from `table` are explained.
    pub fn explains_deletion(&self, table: &TableName) -> bool {
        self.any_deletion || self.deletions.contains(table) || self.created.contains(table)
    }
}
