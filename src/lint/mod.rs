//! The lint stage: judges pending migrations before anything changes. It runs squawk's rules
//! (as a library) plus schemagate's own (`ban-truncate`, `ban-delete-without-where`,
//! `missing-no-transaction-marker`, `non-idempotent-no-transaction`), applies the policy
//! and squawk's ignore comments, and judges data-loss findings against the database as it
//! was before the run: dropping, renaming or retyping an object created by an earlier
//! pending statement of the same run loses nothing and is only reported as `info`. It does
//! not read files or talk to the database (except [`read_existing`]); printing and the exit
//! code are the caller's.

mod ignore;
mod objects;
pub mod policy;
pub mod statements;

use std::collections::BTreeSet;
use std::fmt;

use squawk_syntax::ast::{self, AstNode};
use squawk_syntax::{SourceFile, SyntaxNode};

use ignore::Ignores;
use objects::Effects;
pub use objects::{ExistingObjects, TableName, read_existing};
use policy::{
    BAN_DELETE_WITHOUT_WHERE, BAN_TRUNCATE, MISSING_NO_TRANSACTION_MARKER,
    NON_IDEMPOTENT_NO_TRANSACTION, SYNTAX_ERROR, UNUSED_IGNORE,
};
pub use policy::{Level, LintPolicy, PolicyError, valid_rule_names};
use statements::{LineIndex, is_idempotent_words, node_words, requires_no_transaction_words};
pub use statements::{
    Statement, has_no_transaction_marker, is_idempotent, requires_no_transaction, split_statements,
};

/// Longest statement text kept in a finding, in characters.
const STATEMENT_DISPLAY_CHARS: usize = 200;

/// `server_version_num` assumed by [`lint`]: PostgreSQL 15, squawk's own default.
const DEFAULT_SERVER_VERSION_NUM: i32 = 150_000;

/// One migration file to lint.
#[derive(Debug, Clone, Copy)]
pub struct LintInput<'a> {
    /// The display name, e.g. `V3__drop.sql`.
    pub file: &'a str,
    /// The file's SQL.
    pub sql: &'a str,
}

/// What a statement the linter cannot parse is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unparsable {
    /// A warning (`deploy`: PostgreSQL decides).
    Warn,
    /// A refusing finding (`lint`, `check`).
    Deny,
}

/// Everything the lint judges against.
#[derive(Debug, Clone, Copy)]
pub struct LintContext<'a> {
    /// Tables and columns that exist before the run.
    pub existing: &'a ExistingObjects,
    /// Rule levels.
    pub policy: &'a LintPolicy,
    /// What an unparsable statement is.
    pub unparsable: Unparsable,
    /// The server's `server_version_num` (`ALTER TYPE ... ADD VALUE` needs the
    /// no-transaction marker before 120000).
    pub server_version_num: i32,
}

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

/// The findings of one lint run, in file order then position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintReport {
    /// Every finding whose level is not `Off`.
    pub findings: Vec<Finding>,
    /// The intended drops: tables dropped by a statement with an ignore for `ban-drop-table`
    /// (per statement or per file), renamed by `ALTER TABLE ... RENAME` with an ignore for
    /// `renaming-table` (the old name), and `(schema, "*")` for a `DROP SCHEMA` with an ignore
    /// for `ban-drop-schema`. The verifier accepts these as vanished. Names are resolved
    /// against the database as the linter sees it, so an unqualified name finds its schema.
    pub allowed_drops: BTreeSet<TableName>,
}

impl LintReport {
    /// The findings that refuse the run.
    pub fn denied(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.level == Level::Deny)
    }

    /// Whether any finding refuses the run.
    pub fn has_denials(&self) -> bool {
        self.denied().next().is_some()
    }

    /// The findings that do not refuse but should be shown (`warn`).
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.level == Level::Warn)
    }
}

/// Lints `inputs` in order (the order they would run in) as for a PostgreSQL 15 server.
/// See [`lint_with`].
pub fn lint(
    inputs: &[LintInput],
    existing: &ExistingObjects,
    policy: &LintPolicy,
    unparsable: Unparsable,
) -> LintReport {
    lint_with(
        inputs,
        &LintContext {
            existing,
            policy,
            unparsable,
            server_version_num: DEFAULT_SERVER_VERSION_NUM,
        },
    )
}

/// Lints `inputs` in order. Objects created by an earlier statement (of this or an earlier
/// input) are tracked, so a data-loss finding on them is `info`, not `deny`.
pub fn lint_with(inputs: &[LintInput], ctx: &LintContext) -> LintReport {
    let mut state = ctx.existing.clone();
    let mut report = LintReport::default();
    for input in inputs {
        lint_file(input, ctx, &mut state, &mut report);
    }
    report
}

/// squawk's version setting from `server_version_num` (some rules, such as
/// `adding-field-with-default`, depend on it): 170002 is "17", 90605 is "9.6".
fn squawk_version(server_version_num: i32) -> Option<squawk_linter::Version> {
    let text = match server_version_num {
        n if n >= 100_000 => format!("{}", n / 10_000),
        n if n > 0 => format!("{}.{}", n / 10_000, (n / 100) % 100),
        _ => return None,
    };
    text.parse().ok()
}

/// A top-level statement of a parsed file.
struct Stmt {
    start: usize,
    end: usize,
    node: SyntaxNode,
}

fn top_level_statements(root: &SyntaxNode) -> Vec<Stmt> {
    root.children()
        .filter_map(|node| {
            let first = node
                .descendants_with_tokens()
                .filter_map(|e| e.into_token())
                .find(|t| !t.kind().is_trivia())?;
            Some(Stmt {
                start: u32::from(first.text_range().start()) as usize,
                end: u32::from(node.text_range().end()) as usize,
                node,
            })
        })
        .collect()
}

fn display_statement(sql: &str, start: usize, end: usize) -> String {
    let text = sql.get(start..end).unwrap_or_default().trim();
    if text.chars().count() <= STATEMENT_DISPLAY_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(STATEMENT_DISPLAY_CHARS).collect();
    format!("{}…", cut.trim_end())
}

fn allow_hint(rule: &str) -> String {
    format!("if this is intended, put \"-- squawk-ignore {rule}\" on the line before the statement")
}

/// Rules about locks and rewrites: harmless on a table created in the same run, which is
/// empty and unused, so they are only `info` there.
const LOCK_RULES: &[&str] = &[
    "require-concurrent-index-creation",
    "constraint-missing-not-valid",
    "adding-foreign-key-constraint",
    "adding-not-nullable-field",
    "adding-required-field",
    "adding-field-with-default",
    "disallowed-unique-constraint",
    "ban-drop-not-null",
    "adding-serial-primary-key-field",
];

/// schemagate's wording for the data-loss rules; squawk's own text otherwise.
fn own_message(rule: &str) -> Option<&'static str> {
    Some(match rule {
        "ban-drop-table" => "dropping a table loses its data",
        "ban-drop-column" => "dropping a column loses its data",
        "ban-drop-database" => "dropping a database loses all of its data",
        "ban-drop-schema" => "dropping a schema loses every object in it",
        "ban-truncate-cascade" => {
            "TRUNCATE ... CASCADE empties this table and every table that references it"
        }
        "renaming-table" => {
            "renaming a table breaks the running application, which still uses the old name"
        }
        "renaming-column" => {
            "renaming a column breaks the running application, which still uses the old name"
        }
        "changing-column-type" => {
            "changing a column's type rewrites the table under an ACCESS EXCLUSIVE lock and may break clients"
        }
        _ => return None,
    })
}

/// squawk's messages are sentences; ours start lowercase with no final period.
fn normalise_message(message: &str) -> String {
    let message = message.trim().trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Parse errors reported one by one per file; the rest are counted in one more finding.
const MAX_SYNTAX_FINDINGS: usize = 20;

fn lint_file(
    input: &LintInput,
    ctx: &LintContext,
    state: &mut ExistingObjects,
    report: &mut LintReport,
) {
    let sql = input.sql;
    let parse = SourceFile::parse(sql);
    let root = parse.syntax_node();
    let lines = LineIndex::new(sql);
    let ignores = Ignores::read(&root, sql, &lines);
    let stmts = top_level_statements(&root);
    let no_transaction = has_no_transaction_marker(sql);
    let mut file_findings: Vec<(usize, Finding)> = Vec::new();

    let finding_at = |offset: usize,
                      rule: &str,
                      level: Level,
                      message: String,
                      statement: String,
                      help: Option<String>| {
        let (line, column) = lines.line_col(sql, offset);
        Finding {
            file: input.file.to_string(),
            line,
            column,
            rule: rule.to_string(),
            level,
            message,
            statement,
            help,
        }
    };

    // A file the parser cannot read is one finding per error, at the parser's position.
    let syntax_level = match ctx.unparsable {
        Unparsable::Warn => Level::Warn,
        Unparsable::Deny => Level::Deny,
    };
    let syntax_hint = match ctx.unparsable {
        Unparsable::Warn => {
            "PostgreSQL decides whether this is valid; the linter could not check it"
        }
        Unparsable::Deny => {
            "fix the statement; if PostgreSQL accepts it, the linter's parser is wrong and the statement was not checked"
        }
    };
    let mut error_offsets = BTreeSet::new();
    for error in parse.errors() {
        let offset = u32::from(error.range().start()) as usize;
        // The parser often reports several errors at one spot; the first says most.
        if !error_offsets.insert(offset) {
            continue;
        }
        // A file that is not SQL at all would otherwise print one finding per line of it.
        if error_offsets.len() > MAX_SYNTAX_FINDINGS {
            continue;
        }
        // Statements are in file order: the last one starting at or before the error.
        let statement = stmts[..stmts.partition_point(|s| s.start <= offset)]
            .last()
            .filter(|s| offset <= s.end)
            .map(|s| display_statement(sql, s.start, s.end))
            .unwrap_or_default();
        file_findings.push((
            offset,
            finding_at(
                offset,
                SYNTAX_ERROR,
                syntax_level,
                format!("could not parse: {}", error.message()),
                statement,
                Some(syntax_hint.to_string()),
            ),
        ));
    }

    if error_offsets.len() > MAX_SYNTAX_FINDINGS {
        let offset = error_offsets
            .iter()
            .nth(MAX_SYNTAX_FINDINGS)
            .copied()
            .unwrap_or_default();
        file_findings.push((
            offset,
            finding_at(
                offset,
                SYNTAX_ERROR,
                syntax_level,
                format!(
                    "{} more places the parser could not read, from here on",
                    error_offsets.len() - MAX_SYNTAX_FINDINGS
                ),
                String::new(),
                Some("is this file SQL? the first findings above say what went wrong".into()),
            ),
        ));
    }

    for unknown in &ignores.unknown {
        let level = ctx.policy.level(UNUSED_IGNORE);
        if level != Level::Off {
            file_findings.push((
                unknown.offset,
                finding_at(
                    unknown.offset,
                    UNUSED_IGNORE,
                    level,
                    format!(
                        "unknown rule name `{}` in squawk-ignore comment",
                        unknown.name
                    ),
                    String::new(),
                    Some(format!("valid names: {}", valid_rule_names().join(", "))),
                ),
            ));
        }
    }

    // squawk's rules, over the whole file; positions are mapped to their statement below.
    // squawk is a dependency we do not control: should it panic on some input, that file
    // becomes one finding (the statements were not checked) instead of a crashed deploy.
    let squawk = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let mut linter = squawk_linter::Linter::from(ctx.policy.enabled_squawk_rules());
        if let Some(version) = squawk_version(ctx.server_version_num) {
            linter.settings.pg_version = version;
        }
        linter.lint(&parse, sql)
    }));
    let mut violations: Vec<_> = match squawk {
        Ok(violations) => violations
            .into_iter()
            .filter(|v| v.code != squawk_linter::Rule::UnusedIgnore)
            .collect(),
        Err(_) => {
            file_findings.push((
                0,
                finding_at(
                    0,
                    SYNTAX_ERROR,
                    syntax_level,
                    "could not lint this file: the squawk linter failed on it".into(),
                    String::new(),
                    Some(syntax_hint.to_string()),
                ),
            ));
            Vec::new()
        }
    };

    // In file order, so each statement takes its own slice of them (a file of thousands of
    // statements must not compare every statement with every finding).
    violations.sort_by_key(|v| u32::from(v.text_range.start()));
    let violation_at = |v: &squawk_linter::Violation| u32::from(v.text_range.start()) as usize;
    for (index, stmt) in stmts.iter().enumerate() {
        let mut effects = Effects::of(&stmt.node);
        effects.resolve(state);
        let stmt_line = lines.line_col(sql, stmt.start).0;
        let text = || display_statement(sql, stmt.start, stmt.end);
        let mut raw: Vec<(String, usize, String, Option<String>)> = Vec::new();

        let next_start = stmts.get(index + 1).map_or(usize::MAX, |s| s.start);
        // The first statement also takes what comes before it.
        let from = if index == 0 { 0 } else { stmt.start };
        let until = next_start.max(stmt.end);
        let first = violations.partition_point(|v| violation_at(v) < from);
        let last = violations.partition_point(|v| violation_at(v) < until);
        for v in &violations[first..last.max(first)] {
            let at = violation_at(v);
            let rule = v.code.to_string();
            let message = own_message(&rule)
                .map(str::to_string)
                .unwrap_or_else(|| normalise_message(&v.message));
            raw.push((rule, at, message, v.help.clone()));
        }

        let words = node_words(&stmt.node);
        match ast::Stmt::cast(stmt.node.clone()) {
            Some(ast::Stmt::Truncate(_)) if !words.iter().any(|w| w == "cascade") => raw.push((
                BAN_TRUNCATE.into(),
                stmt.start,
                "TRUNCATE empties the table".into(),
                None,
            )),
            Some(ast::Stmt::Delete(d)) if d.where_clause_or_current_of().is_none() => raw.push((
                BAN_DELETE_WITHOUT_WHERE.into(),
                stmt.start,
                "DELETE without WHERE empties the table".into(),
                None,
            )),
            _ => {}
        }

        if !no_transaction
            && let Some(what) = requires_no_transaction_words(&words, ctx.server_version_num)
        {
            // Not ignorable and not configurable: PostgreSQL refuses it anyway.
            file_findings.push((
                stmt.start,
                finding_at(
                    stmt.start,
                    MISSING_NO_TRANSACTION_MARKER,
                    Level::Deny,
                    "this statement cannot run inside a transaction; add `-- schemagate:no-transaction` as the first line".into(),
                    text(),
                    Some(format!("PostgreSQL refuses {what} inside a transaction block; a migration with the marker runs after the transactional ones, one statement at a time")),
                ),
            ));
        }
        if no_transaction && !is_idempotent_words(&words) {
            raw.push((
                NON_IDEMPOTENT_NO_TRANSACTION.into(),
                stmt.start,
                "this statement of a no-transaction migration cannot safely run twice, so a failed run cannot be retried automatically".into(),
                Some("add IF NOT EXISTS / IF EXISTS (e.g. CREATE INDEX CONCURRENTLY IF NOT EXISTS)".into()),
            ));
        }

        for (rule, at, message, squawk_help) in raw {
            let mut level = ctx.policy.level(&rule);
            if level == Level::Off {
                continue;
            }
            let at_line = lines.line_col(sql, at).0;
            if ignores.ignores(&rule, &[stmt_line, at_line]) {
                continue;
            }
            let mut message = message;
            if level == Level::Deny && effects.touches_existing_data(&rule, state) == Some(false) {
                level = Level::Info;
                message.push_str(
                    " (allowed: the object did not exist before this run, so no data can be lost)",
                );
            } else if level == Level::Warn
                && LOCK_RULES.contains(&rule.as_str())
                && effects.locks_existing_table(state) == Some(false)
            {
                level = Level::Info;
                message.push_str(" (harmless here: the table is created in this run)");
            }
            let help = match (squawk_help, level) {
                (_, Level::Info) => None,
                (Some(h), _) => Some(format!("{}; {}", normalise_message(&h), allow_hint(&rule))),
                (None, _) => Some(allow_hint(&rule)),
            };
            file_findings.push((
                stmt.start,
                finding_at(stmt.start, &rule, level, message, text(), help),
            ));
        }

        collect_allowed_drops(&effects, &ignores, stmt_line, &mut report.allowed_drops);
        effects.apply(state);
    }

    file_findings.sort_by_key(|(offset, _)| *offset);
    report
        .findings
        .extend(file_findings.into_iter().map(|(_, f)| f));
}

/// The drops of one statement that its ignore comments declare intended.
fn collect_allowed_drops(
    effects: &Effects,
    ignores: &Ignores,
    line: usize,
    allowed: &mut BTreeSet<TableName>,
) {
    if ignores.ignores("ban-drop-table", &[line]) {
        allowed.extend(effects.dropped_tables.iter().cloned());
    }
    // A renamed table is gone under its old name.
    if ignores.ignores("renaming-table", &[line]) {
        allowed.extend(effects.renamed_tables.iter().map(|(from, _)| from.clone()));
    }
    // Every table of an intentionally dropped schema: `*` stands for all of them.
    if ignores.ignores("ban-drop-schema", &[line]) {
        allowed.extend(
            effects
                .dropped_schemas
                .iter()
                .map(|schema| (schema.clone(), "*".to_string())),
        );
    }
}
