//! squawk's ignore comments, read the way squawk reads them but applied to every rule,
//! schemagate's own included: `-- squawk-ignore rule[, rule]` on the line before a statement
//! (or on its first line), `-- squawk-ignore-file rule[, rule]` for the whole file, and a bare
//! `-- squawk-ignore-file` for every rule of the file.

use std::collections::{BTreeMap, BTreeSet};

use rowan_free::comment_tokens;
use squawk_linter::ignore::{IgnoreKind, ignore_rule_info};
use squawk_syntax::SyntaxNode;

use super::policy::{OWN_RULES, SQUAWK_RULES};
use super::statements::LineIndex;

/// An ignore comment naming a rule that does not exist.
#[derive(Debug, Clone)]
pub(crate) struct UnknownName {
    pub name: String,
    pub offset: usize,
}

/// The ignores of one file.
#[derive(Debug, Default)]
pub(crate) struct Ignores {
    file_all: bool,
    file: BTreeSet<String>,
    /// 1-based line of the comment -> the rules it names.
    lines: BTreeMap<usize, BTreeSet<String>>,
    pub unknown: Vec<UnknownName>,
}

/// squawk-syntax does not re-export rowan; this keeps the tree walking in one place.
mod rowan_free {
    use squawk_syntax::{SyntaxKind, SyntaxNode, SyntaxToken};

    pub(super) fn comment_tokens(root: &SyntaxNode) -> impl Iterator<Item = SyntaxToken> {
        root.descendants_with_tokens()
            .filter_map(|e| e.into_token())
            .filter(|t| t.kind() == SyntaxKind::COMMENT)
    }
}

impl Ignores {
    /// Collects the ignore comments of a parsed file.
    pub(crate) fn read(root: &SyntaxNode, text: &str, lines: &LineIndex) -> Ignores {
        let mut ignores = Ignores::default();
        for token in comment_tokens(root) {
            let Some((names, range, kind)) = ignore_rule_info(&token) else {
                continue;
            };
            let offset = u32::from(range.start()) as usize;
            let mut set = BTreeSet::new();
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                match canonical(name) {
                    // squawk's alias for its two timeout rules.
                    Some(n) if n == "require-timeout-settings" => {
                        set.insert("require-lock-timeout".to_string());
                        set.insert("require-statement-timeout".to_string());
                    }
                    Some(n) => {
                        set.insert(n);
                    }
                    None => ignores.unknown.push(UnknownName {
                        name: name.to_string(),
                        offset,
                    }),
                }
            }
            match kind {
                IgnoreKind::File if names.trim().is_empty() => ignores.file_all = true,
                IgnoreKind::File => ignores.file.extend(set),
                IgnoreKind::Line => {
                    let line = lines.line_col(text, offset).0;
                    ignores.lines.entry(line).or_default().extend(set);
                }
            }
        }
        ignores
    }

    /// Whether `rule` is ignored for something on one of `lines` (1-based): an ignore on that
    /// line or on the line before counts, as in squawk.
    pub(crate) fn ignores(&self, rule: &str, lines: &[usize]) -> bool {
        if self.file_all || self.file.contains(rule) {
            return true;
        }
        lines.iter().any(|&line| {
            [line, line.saturating_sub(1)]
                .iter()
                .any(|l| self.lines.get(l).is_some_and(|set| set.contains(rule)))
        })
    }
}

fn canonical(name: &str) -> Option<String> {
    if OWN_RULES.contains(&name) {
        return Some(name.to_string());
    }
    let rule = squawk_linter::Rule::try_from(name).ok()?;
    let canonical = rule.to_string();
    (SQUAWK_RULES.contains(&canonical.as_str()) || canonical == "require-timeout-settings")
        .then_some(canonical)
}
