//! One lint finding: where, which rule, how it counts, what is wrong and how to fix or allow
//! it. Plain data, so text, JSON and CI annotations render the same findings.

use std::fmt;

use super::policy::Level;

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file's display name.
    pub file: String,
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
