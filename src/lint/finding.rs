//! One lint finding: where, which rule, how it counts, what is wrong and how to fix or allow
//! it. Plain data, so text, JSON and CI annotations render the same findings.

use std::fmt;

use super::policy::Level;

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file's display name.
    pub file: String,
    /// The file as the command found it (relative to the working directory when it was
    /// given so), for CI annotations.
    pub path: String,
    /// 1-based line of the offending statement (of the error, for a syntax error).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The rule name, as used in the policy and in ignore comments.
    pub rule: String,
    /// How the finding counts.
    pub level: Level,
    /// What is wrong.
    pub message: String,
    /// The offending statement, trimmed, cut at about 200 characters.
    pub statement: String,
    /// How to fix it or, when it is intended, how to allow it.
    pub help: Option<String>,
}

impl Finding {
    /// Whether this finding refuses the run.
    pub fn is_denied(&self) -> bool {
        self.level == Level::Deny
    }
}

/// A statement that drops or renames away a table or a column, for a message about an object
/// that vanished (`check`): which migration did it, and whether it was marked as intended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// `(schema, table)` as it was called before the statement.
    pub table: (String, String),
    /// The column, when a column is removed.
    pub column: Option<String>,
    /// The file's display name.
    pub file: String,
    /// The file as the command found it.
    pub path: String,
    /// 1-based line and column of the statement.
    pub line: usize,
    pub column_no: usize,
    /// The rule an ignore comment names to mark it intended (`ban-drop-table`).
    pub rule: String,
    /// Whether it is marked as intended (an ignore comment, or the rule is not denied).
    pub marked: bool,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {} ({}): {}",
            self.file, self.line, self.column, self.rule, self.level, self.message
        )?;
        if !self.statement.is_empty() {
            for line in self.statement.lines() {
                write!(f, "\n  {line}")?;
            }
        }
        if let Some(help) = &self.help {
            write!(f, "\n  hint: {help}")?;
        }
        Ok(())
    }
}
