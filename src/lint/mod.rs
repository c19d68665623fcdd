//! The lint stage: judges migrations before anything changes. It runs squawk's rules (as a
//! library) plus schemagate's own (`ban-truncate`, `ban-delete-without-where`,
//! `ban-update-without-where`, `renaming-enum-value`, `missing-no-transaction-marker`,
//! `non-idempotent-no-transaction`), applies the policy and squawk's ignore comments, and
//! judges data-loss findings against what exists before each statement ([`ExistingObjects`]):
//! dropping, renaming, retyping or emptying an object created earlier in the same run loses
//! nothing and is only reported as `info`. It follows the session as PostgreSQL does
//! (`search_path`, temporary tables, prepared statements). It does not read files or talk to
//! the database (except [`read_existing`]); what a command does with the findings (print
//! them, refuse with exit 6) is [`gate`]'s.

mod conditions;
mod effects;
pub mod finding;
pub mod gate;
mod ignore;
pub mod losses;
mod names;
mod objects;
pub mod policy;
pub mod statements;
pub mod touched;

use std::collections::{BTreeSet, HashMap};

use squawk_syntax::{SourceFile, SyntaxNode};

use effects::Effects;
pub use finding::{Finding, Removal};
use ignore::Ignores;
pub use losses::{Losses, Site};
pub use objects::{ExistingObjects, TableName, read_existing};
use policy::{
    BAN_DELETE_WITHOUT_WHERE, BAN_TRUNCATE, BAN_UPDATE_WITHOUT_WHERE,
    MISSING_NO_TRANSACTION_MARKER, NON_IDEMPOTENT_NO_TRANSACTION, NOT_LINTED, RENAMING_ENUM_VALUE,
    SYNTAX_ERROR, TRANSACTION_CONTROL, UNUSED_IGNORE,
};
pub use policy::{Level, LintPolicy, PolicyError, valid_rule_names};
use statements::{LineIndex, is_idempotent_words, node_words, requires_no_transaction_words};
pub use statements::{Statement, is_idempotent, requires_no_transaction, split_statements};

/// The largest file the lint reads. Its parse tree takes about 30 bytes of memory per byte of
/// SQL (a 20 MB file took 620 MB), so a bulk-data file of hundreds of megabytes would take
/// gigabytes to plan; past this size the file is not linted and PostgreSQL decides.
pub const MAX_LINTED_BYTES: usize = 1 << 20;

/// Longest statement text kept in a finding, in characters.
const STATEMENT_DISPLAY_CHARS: usize = 200;

/// `server_version_num` assumed by [`lint`]: PostgreSQL 15, squawk's own default.
const DEFAULT_SERVER_VERSION_NUM: i32 = 150_000;

/// One migration file to lint.
#[derive(Debug, Clone, Copy)]
pub struct LintInput<'a> {
    /// The display name, e.g. `V3__drop.sql`.
    pub file: &'a str,
    /// The file as the command found it (`migrations/V3__drop.sql`), for CI annotations.
    pub path: &'a str,
    /// The file's SQL.
    pub sql: &'a str,
    /// An older file replayed as already applied (offline, `lint --since`): what it creates
    /// holds data, and it is not judged itself.
    pub applied: bool,
}

impl<'a> LintInput<'a> {
    /// A file to judge, its path being its name.
    pub fn new(file: &'a str, sql: &'a str) -> Self {
        LintInput {
            file,
            path: file,
            sql,
            applied: false,
        }
    }
}

impl<'a> From<&'a crate::migrations::Migration> for LintInput<'a> {
    fn from(m: &'a crate::migrations::Migration) -> Self {
        LintInput {
            file: &m.file_name,
            path: m.path.to_str().unwrap_or(&m.file_name),
            sql: &m.sql,
            applied: false,
        }
    }
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

/// The findings of one lint run, in file order then position.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LintReport {
    /// Every finding whose level is not `Off`.
    pub findings: Vec<Finding>,
    /// The intended drops: tables dropped by a statement with an ignore for `ban-drop-table`
    /// (per statement or per file), renamed by `ALTER TABLE ... RENAME` with an ignore for
    /// `renaming-table` (the old name), and `(schema, "*")` for a `DROP SCHEMA` with an ignore
    /// for `ban-drop-schema`; and every such drop when the policy does not deny its rule
    /// (`ban-drop-table = "off"` means drops are intended). The verifier accepts these as
    /// vanished. Names are resolved against the database as the linter sees it, so an
    /// unqualified name finds its schema.
    pub allowed_drops: BTreeSet<TableName>,
    /// The losses of rows the run explains, for the guard before COMMIT.
    pub losses: Losses,
    /// Every statement that drops or renames away a table or column, in run order.
    pub removals: Vec<Removal>,
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
///
/// Reading a file (parsing, squawk's rules, schemagate's own) depends on no other file, so the
/// files are read in parallel; only the judgment against what earlier statements did runs in
/// order. Parsing is most of a cold deploy's own work (about 1 M instructions per small file),
/// and the server waits for it.
pub fn lint_with(inputs: &[LintInput], ctx: &LintContext) -> LintReport {
    lint_on(inputs, ctx, parallelism(inputs.len()))
}

/// How many threads read files: one per core, never more than there are files.
fn parallelism(files: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(files)
        .max(1)
}

fn lint_on(inputs: &[LintInput], ctx: &LintContext, threads: usize) -> LintReport {
    let mut run = Run {
        state: ctx.existing.clone(),
        prepared: HashMap::new(),
        in_history: false,
    };
    let mut report = LintReport::default();
    for file in read_files(inputs, ctx, threads) {
        judge_file(file, ctx, &mut run, &mut report);
    }
    // A policy that does not deny a kind of loss accepts it wherever it comes from.
    report.losses.any_truncation |= ctx.policy.level(BAN_TRUNCATE) != Level::Deny;
    report.losses.any_deletion |= ctx.policy.level(BAN_DELETE_WITHOUT_WHERE) != Level::Deny;
    report
}

/// The run so far, as the session sees it: the objects, and the statements `PREPARE`d.
struct Run {
    state: ExistingObjects,
    prepared: HashMap<String, Prepared>,
    /// Whether the last file was an older one replayed as applied.
    in_history: bool,
}

/// A statement prepared in the run: what it does and the rules it hits when executed.
struct Prepared {
    effects: Effects,
    hits: Vec<Hit>,
    /// Where it was prepared, for the message at `EXECUTE`.
    at: String,
}

/// [`read_file`] for every input, on up to `threads` threads, in input order. Each thread
/// takes the next unread file, so one long file does not hold up a whole share.
fn read_files<'a>(
    inputs: &'a [LintInput<'a>],
    ctx: &LintContext,
    threads: usize,
) -> Vec<FileReading<'a>> {
    if threads <= 1 {
        return inputs.iter().map(|input| read_file(input, ctx)).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut read: Vec<(usize, FileReading<'a>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(input) = inputs.get(i) else {
                            return mine;
                        };
                        mine.push((i, read_file(input, ctx)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    read.sort_unstable_by_key(|(i, _)| *i);
    read.into_iter().map(|(_, file)| file).collect()
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

/// The statements of a file, in order. A lone `;` (the second of `;;`) is no statement:
/// PostgreSQL skips it, and so does the lint.
fn top_level_statements(root: &SyntaxNode) -> Vec<Stmt> {
    root.children()
        .filter_map(|node| {
            let mut tokens = node
                .descendants_with_tokens()
                .filter_map(|e| e.into_token())
                .filter(|t| !t.kind().is_trivia());
            let first = tokens.next()?;
            if first.kind() == squawk_syntax::SyntaxKind::SEMICOLON
                && tokens.all(|t| t.kind() == squawk_syntax::SyntaxKind::SEMICOLON)
            {
                return None;
            }
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
            "changing a column's type rewrites the table under an ACCESS EXCLUSIVE lock, may change or refuse its values, and may break clients"
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

/// What one file says on its own, before it is judged against what ran before it: its final
/// findings (syntax, unknown ignore names, a missing no-transaction marker), and for each
/// statement what it does and which rules it hits. Plain data, so it crosses threads.
struct FileReading<'a> {
    input: &'a LintInput<'a>,
    lines: LineIndex,
    ignores: Ignores,
    /// Findings already final, with the byte offset they sort by.
    findings: Vec<(usize, Finding)>,
    statements: Vec<StatementReading>,
    /// Too large to read: what it does is unknown.
    unread: bool,
}

/// One top-level statement of a [`FileReading`].
struct StatementReading {
    start: usize,
    end: usize,
    /// 1-based line where the statement starts.
    line: usize,
    /// What it does to tables and columns, names not yet resolved.
    effects: Effects,
    /// The rules it hits, before policy, ignores and the state of the run are applied.
    hits: Vec<Hit>,
    /// For `PREPARE`: the rules the prepared statement hits when it is executed.
    prepared_hits: Vec<Hit>,
}

/// A rule hit by a statement: the rule, the byte offset, the message, squawk's help.
#[derive(Clone)]
struct Hit {
    rule: String,
    at: usize,
    message: String,
    help: Option<String>,
}

impl FileReading<'_> {
    fn finding(
        &self,
        offset: usize,
        rule: &str,
        level: Level,
        message: String,
        statement: String,
        help: Option<String>,
    ) -> Finding {
        let (line, column) = self.lines.line_col(self.input.sql, offset);
        Finding {
            file: self.input.file.to_string(),
            path: self.input.path.to_string(),
            line,
            column,
            rule: rule.to_string(),
            level,
            message,
            statement,
            help,
        }
    }

    fn statement_text(&self, s: &StatementReading) -> String {
        display_statement(self.input.sql, s.start, s.end)
    }

    fn site(&self, s: &StatementReading, what: impl Into<String>) -> Site {
        let (line, column) = self.lines.line_col(self.input.sql, s.start);
        Site {
            file: self.input.path.to_string(),
            line,
            column,
            what: what.into(),
        }
    }
}

/// schemagate's own rules, from what a statement does: truncating, deleting or updating
/// every row, renaming an enum value.
fn own_hits(fx: &Effects, at: usize) -> Vec<Hit> {
    let hit = |rule: &str, message: String, help: Option<&str>| Hit {
        rule: rule.into(),
        at,
        message,
        help: help.map(str::to_string),
    };
    let mut hits = Vec::new();
    if !fx.truncated.is_empty() && !fx.truncate_cascade {
        hits.push(hit(BAN_TRUNCATE, "TRUNCATE empties the table".into(), None));
    }
    if let Some(w) = fx.deleted_all.first() {
        hits.push(hit(BAN_DELETE_WITHOUT_WHERE, w.message.clone(), None));
    }
    if let Some(w) = fx.updated_all.first() {
        hits.push(hit(
            BAN_UPDATE_WITHOUT_WHERE,
            w.message.clone(),
            Some("an UPDATE of every row overwrites what the columns it sets held; a backfill of columns added in the same run is not reported"),
        ));
    }
    if !fx.renamed_enum_values.is_empty() {
        hits.push(hit(
            RENAMING_ENUM_VALUE,
            "renaming an enum value changes the meaning of every row that holds it, and a value added later under the old name does not bring them back".into(),
            Some("add the new value and move the rows with an UPDATE instead"),
        ));
    }
    hits
}

/// Reads one file: parse it, run squawk's rules and schemagate's own on it. An older file
/// replayed as applied is only read for what it does.
fn read_file<'a>(input: &'a LintInput<'a>, ctx: &LintContext) -> FileReading<'a> {
    let sql = input.sql;
    if sql.len() > MAX_LINTED_BYTES {
        return too_large(input);
    }
    let parse = SourceFile::parse(sql);
    let root = parse.syntax_node();
    let lines = LineIndex::new(sql);
    let ignores = Ignores::read(&root, sql, &lines);
    let stmts = top_level_statements(&root);
    let no_transaction = crate::migrations::has_no_transaction_marker(sql);
    let mut file = FileReading {
        input,
        lines,
        ignores,
        findings: Vec::new(),
        statements: Vec::with_capacity(stmts.len()),
        unread: false,
    };
    if input.applied {
        for stmt in &stmts {
            file.statements.push(StatementReading {
                start: stmt.start,
                end: stmt.end,
                line: 0,
                effects: Effects::of(&stmt.node),
                hits: Vec::new(),
                prepared_hits: Vec::new(),
            });
        }
        return file;
    }

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
        let finding = file.finding(
            offset,
            SYNTAX_ERROR,
            syntax_level,
            format!("could not parse: {}", error.message()),
            statement,
            Some(syntax_hint.to_string()),
        );
        file.findings.push((offset, finding));
    }

    if error_offsets.len() > MAX_SYNTAX_FINDINGS {
        let offset = error_offsets
            .iter()
            .nth(MAX_SYNTAX_FINDINGS)
            .copied()
            .unwrap_or_default();
        let finding = file.finding(
            offset,
            SYNTAX_ERROR,
            syntax_level,
            format!(
                "{} more places the parser could not read, from here on",
                error_offsets.len() - MAX_SYNTAX_FINDINGS
            ),
            String::new(),
            Some("is this file SQL? the first findings above say what went wrong".into()),
        );
        file.findings.push((offset, finding));
    }

    let level = ctx.policy.level(UNUSED_IGNORE);
    if level != Level::Off {
        for unknown in &file.ignores.unknown {
            let finding = file.finding(
                unknown.offset,
                UNUSED_IGNORE,
                level,
                format!(
                    "unknown rule name `{}` in squawk-ignore comment",
                    unknown.name
                ),
                String::new(),
                Some(format!("valid names: {}", valid_rule_names().join(", "))),
            );
            file.findings.push((unknown.offset, finding));
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
            let finding = file.finding(
                0,
                SYNTAX_ERROR,
                syntax_level,
                "could not lint this file: the squawk linter failed on it".into(),
                String::new(),
                Some(syntax_hint.to_string()),
            );
            file.findings.push((0, finding));
            Vec::new()
        }
    };

    // In file order, so each statement takes its own slice of them (a file of thousands of
    // statements must not compare every statement with every finding).
    violations.sort_by_key(|v| u32::from(v.text_range.start()));
    let violation_at = |v: &squawk_linter::Violation| u32::from(v.text_range.start()) as usize;
    for (index, stmt) in stmts.iter().enumerate() {
        let mut hits = Vec::new();
        let next_start = stmts.get(index + 1).map_or(usize::MAX, |s| s.start);
        // The first statement also takes what comes before it.
        let from = if index == 0 { 0 } else { stmt.start };
        let until = next_start.max(stmt.end);
        let first = violations.partition_point(|v| violation_at(v) < from);
        let last = violations.partition_point(|v| violation_at(v) < until);
        for v in &violations[first..last.max(first)] {
            let rule = v.code.to_string();
            let message = own_message(&rule)
                .map(str::to_string)
                .unwrap_or_else(|| normalise_message(&v.message));
            hits.push(Hit {
                rule,
                at: violation_at(v),
                message,
                help: v.help.clone(),
            });
        }

        let words = node_words(&stmt.node);
        let effects = Effects::of(&stmt.node);
        hits.extend(own_hits(&effects, stmt.start));
        let prepared_hits = effects
            .prepared
            .as_ref()
            .map(|(_, inner)| own_hits(inner, stmt.start))
            .unwrap_or_default();

        if let Some(what) = transaction_control(&stmt.node) {
            // Not ignorable and not configurable: it would end schemagate's transaction.
            let finding = file.finding(
                stmt.start,
                TRANSACTION_CONTROL,
                Level::Deny,
                format!("{what} in a migration: schemagate runs the migrations in its own transaction, and this would end it part-way"),
                display_statement(sql, stmt.start, stmt.end),
                Some("remove it: every migration without `-- schemagate:no-transaction` already runs inside one transaction (SAVEPOINT and ROLLBACK TO SAVEPOINT are fine)".to_string()),
            );
            file.findings.push((stmt.start, finding));
        }
        if !no_transaction
            && let Some(what) = requires_no_transaction_words(&words, ctx.server_version_num)
        {
            // Not ignorable and not configurable: PostgreSQL refuses it anyway.
            let finding = file.finding(
                stmt.start,
                MISSING_NO_TRANSACTION_MARKER,
                Level::Deny,
                "this statement cannot run inside a transaction; add `-- schemagate:no-transaction` as the first line".into(),
                display_statement(sql, stmt.start, stmt.end),
                Some(format!("PostgreSQL refuses {what} inside a transaction block; a migration with the marker runs on its own, in version order, one statement at a time")),
            );
            file.findings.push((stmt.start, finding));
        }
        if no_transaction && !is_idempotent_words(&words) {
            hits.push(Hit {
                rule: NON_IDEMPOTENT_NO_TRANSACTION.into(),
                at: stmt.start,
                message: "this statement of a no-transaction migration cannot safely run twice, so a failed run cannot be retried automatically".into(),
                help: Some("add IF NOT EXISTS / IF EXISTS (e.g. CREATE INDEX CONCURRENTLY IF NOT EXISTS)".into()),
            });
        }

        file.statements.push(StatementReading {
            start: stmt.start,
            end: stmt.end,
            line: file.lines.line_col(sql, stmt.start).0,
            effects,
            hits,
            prepared_hits,
        });
    }
    file
}

/// The transaction control statement `node` is, if it is one, as PostgreSQL spells it. Found by
/// the parser, so a `COMMIT` inside a string or a function body is not one.
fn transaction_control(node: &SyntaxNode) -> Option<&'static str> {
    use squawk_syntax::SyntaxKind as K;
    Some(match node.kind() {
        K::BEGIN => "BEGIN / START TRANSACTION",
        K::COMMIT_TRANSACTION => "COMMIT / END",
        K::ROLLBACK_TRANSACTION => "ROLLBACK / ABORT",
        K::PREPARE_TRANSACTION => "PREPARE TRANSACTION",
        K::COMMIT_PREPARED => "COMMIT PREPARED",
        K::ROLLBACK_PREPARED => "ROLLBACK PREPARED",
        _ => return None,
    })
}

/// A file over [`MAX_LINTED_BYTES`]: one warning, and nothing known of what it does, so from
/// there on the run assumes anything it does not know exists and holds data (a later drop of
/// a table the file created counts as a drop of an existing table).
fn too_large<'a>(input: &'a LintInput<'a>) -> FileReading<'a> {
    let lines = LineIndex::new("");
    let finding = Finding {
        file: input.file.to_string(),
        path: input.path.to_string(),
        line: 1,
        column: 1,
        rule: NOT_LINTED.to_string(),
        level: Level::Warn,
        message: format!(
            "not linted: the file is {} bytes, over the {} the lint reads (its parse would take about 30 times that in memory); PostgreSQL decides whether it is valid, and the checks before COMMIT still run",
            input.sql.len(),
            MAX_LINTED_BYTES
        ),
        statement: String::new(),
        help: Some("keep schema changes in small files; a large file of data is best loaded outside the migrations".into()),
    };
    FileReading {
        input,
        lines,
        ignores: Ignores::default(),
        findings: if input.applied {
            Vec::new()
        } else {
            vec![(0, finding)]
        },
        statements: Vec::new(),
        unread: true,
    }
}

/// Judges a read file against the run so far (`run`: what exists before its first
/// statement, the session), then records what its statements change. An older file replayed
/// as applied only changes the picture: what it creates holds data.
fn judge_file(mut file: FileReading, ctx: &LintContext, run: &mut Run, report: &mut LintReport) {
    let statements = std::mem::take(&mut file.statements);
    if file.unread {
        run.state.assume_unknown();
    }
    if file.input.applied {
        run.in_history = true;
        for mut stmt in statements {
            stmt.effects.resolve(&run.state);
            stmt.effects.apply(&mut run.state, false);
        }
        return;
    }
    if std::mem::take(&mut run.in_history) {
        // The older files ran in sessions of their own, long ago.
        run.state.end_session();
        run.prepared.clear();
    }
    let sql = file.input.sql;
    for mut stmt in statements {
        session_statement(&file, &mut stmt, run);
        stmt.effects.resolve(&run.state);
        let state = &run.state;
        for hit in std::mem::take(&mut stmt.hits) {
            let mut level = ctx.policy.level(&hit.rule);
            if level == Level::Off {
                continue;
            }
            let at_line = file.lines.line_col(sql, hit.at).0;
            if file.ignores.ignores(&hit.rule, &[stmt.line, at_line]) {
                continue;
            }
            let mut message = hit.message;
            let harmless = (hit.rule == "changing-column-type")
                .then(|| stmt.effects.harmless_retypes(state))
                .flatten();
            if let Some(change) = harmless {
                level = Level::Info;
                message.push_str(&format!(
                    " (harmless here: {change} needs no rewrite and keeps every value)"
                ));
            } else if level == Level::Deny
                && stmt.effects.touches_existing_data(&hit.rule, state) == Some(false)
            {
                level = Level::Info;
                message.push_str(
                    " (allowed: the object did not exist before this run, so no data can be lost)",
                );
            } else if level == Level::Warn
                && hit.rule == BAN_UPDATE_WITHOUT_WHERE
                && stmt.effects.touches_existing_data(&hit.rule, state) == Some(false)
            {
                level = Level::Info;
                message.push_str(" (harmless here: it only fills what this run created)");
            } else if level == Level::Warn
                && LOCK_RULES.contains(&hit.rule.as_str())
                && stmt.effects.locks_existing_table(state) == Some(false)
            {
                level = Level::Info;
                message.push_str(" (harmless here: the table is created in this run)");
            }
            let help = match (hit.help, level) {
                (_, Level::Info) => None,
                (Some(h), _) => Some(format!(
                    "{}; {}",
                    normalise_message(&h),
                    allow_hint(&hit.rule)
                )),
                (None, _) => Some(allow_hint(&hit.rule)),
            };
            let text = file.statement_text(&stmt);
            let finding = file.finding(stmt.start, &hit.rule, level, message, text, help);
            file.findings.push((stmt.start, finding));
        }

        let allowed = |rule: &str| {
            ctx.policy.level(rule) != Level::Deny || file.ignores.ignores(rule, &[stmt.line])
        };
        collect_allowed_drops(&stmt.effects, &allowed, &mut report.allowed_drops);
        collect_losses(&file, &stmt, &allowed, &mut report.losses);
        collect_removals(&file, &stmt, &allowed, &mut report.removals);
        stmt.effects.apply(&mut run.state, true);
    }

    file.findings.sort_by_key(|(offset, _)| *offset);
    report
        .findings
        .extend(file.findings.into_iter().map(|(_, f)| f));
}

/// `PREPARE`, `EXECUTE`, `DEALLOCATE`: a prepared statement runs where it is executed, so its
/// rules are judged there (and can be allowed there), with what it does to the tables.
fn session_statement(file: &FileReading, stmt: &mut StatementReading, run: &mut Run) {
    if let Some((name, inner)) = stmt.effects.prepared.take() {
        let (line, column) = file.lines.line_col(file.input.sql, stmt.start);
        run.prepared.insert(
            name,
            Prepared {
                effects: *inner,
                hits: std::mem::take(&mut stmt.prepared_hits),
                at: format!("{}:{line}:{column}", file.input.file),
            },
        );
    }
    if let Some(name) = stmt.effects.executes.take() {
        match run.prepared.get(&name) {
            Some(prepared) => {
                stmt.effects.absorb(&prepared.effects);
                stmt.hits
                    .extend(prepared.hits.iter().cloned().map(|mut hit| {
                        hit.at = stmt.start;
                        hit.message = format!(
                            "{} (the statement PREPAREd as {name} at {})",
                            hit.message, prepared.at
                        );
                        hit
                    }));
            }
            None => stmt.effects.opaque = Some("EXECUTE of a statement prepared elsewhere"),
        }
    }
    match stmt.effects.deallocates.take() {
        Some(Some(name)) => {
            run.prepared.remove(&name);
        }
        Some(None) => run.prepared.clear(),
        None => {}
    }
}

/// The drops of one statement that are intended: an ignore comment for their rule on it, or
/// a policy that does not deny the rule.
fn collect_allowed_drops(
    effects: &Effects,
    allowed: &dyn Fn(&str) -> bool,
    drops: &mut BTreeSet<TableName>,
) {
    if allowed("ban-drop-table") {
        drops.extend(effects.dropped_tables.iter().cloned());
    }
    // A renamed table is gone under its old name.
    if allowed("renaming-table") {
        drops.extend(effects.renamed_tables.iter().map(|(from, _)| from.clone()));
    }
    // Every table of an intentionally dropped schema: `*` stands for all of them.
    if allowed("ban-drop-schema") {
        drops.extend(
            effects
                .dropped_schemas
                .iter()
                .map(|schema| (schema.clone(), "*".to_string())),
        );
    }
}

/// What the guard needs from one statement: the losses it explains, where tables are
/// visibly emptied, and what the lint cannot see into.
fn collect_losses(
    file: &FileReading,
    stmt: &StatementReading,
    allowed: &dyn Fn(&str) -> bool,
    losses: &mut Losses,
) {
    let fx = &stmt.effects;
    let truncate_rule = if fx.truncate_cascade {
        "ban-truncate-cascade"
    } else {
        BAN_TRUNCATE
    };
    for table in &fx.truncated {
        if allowed(truncate_rule) {
            losses.truncations.insert(table.clone());
            losses.any_truncation |= fx.truncate_cascade;
        }
        losses
            .sites
            .entry(table.clone())
            .or_default()
            .push(file.site(stmt, "TRUNCATE"));
    }
    for table in &fx.deletes_from {
        if allowed(BAN_DELETE_WITHOUT_WHERE) {
            losses.deletions.insert(table.clone());
        }
        losses
            .sites
            .entry(table.clone())
            .or_default()
            .push(file.site(stmt, "DELETE"));
    }
    if let Some(what) = fx.opaque {
        losses.any_truncation |= allowed(BAN_TRUNCATE);
        losses.any_deletion |= allowed(BAN_DELETE_WITHOUT_WHERE);
        losses.opaque.push(file.site(stmt, what));
    }
    for created in &fx.created_tables {
        losses.created.insert(created.name.clone());
    }
}

/// Every table and column the statement drops or renames away, with whether that is marked
/// as intended, for `check` to name the migration behind a vanished one.
fn collect_removals(
    file: &FileReading,
    stmt: &StatementReading,
    allowed: &dyn Fn(&str) -> bool,
    removals: &mut Vec<Removal>,
) {
    let fx = &stmt.effects;
    let (line, column_no) = file.lines.line_col(file.input.sql, stmt.start);
    let mut push = |table: &TableName, column: Option<&String>, rule: &str| {
        // Temporary tables vanish by themselves.
        if table.0 == objects::TEMP_SCHEMA {
            return;
        }
        removals.push(Removal {
            table: table.clone(),
            column: column.cloned(),
            file: file.input.file.to_string(),
            path: file.input.path.to_string(),
            line,
            column_no,
            rule: rule.to_string(),
            marked: allowed(rule),
        });
    };
    for t in &fx.dropped_tables {
        push(t, None, "ban-drop-table");
    }
    for (from, _) in &fx.renamed_tables {
        push(from, None, "renaming-table");
    }
    for (t, c) in &fx.dropped_columns {
        push(t, Some(c), "ban-drop-column");
    }
    for (t, from, _) in &fx.renamed_columns {
        push(t, Some(from), "renaming-column");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Files read on several threads are judged in their order, exactly as when read one by
    /// one: every finding, its position and level, and the allowed drops.
    #[test]
    fn reading_files_in_parallel_changes_nothing() {
        let mut files = Vec::new();
        for i in 0..40 {
            files.push(match i % 5 {
                0 => format!("CREATE TABLE t{i} (id int, name text);"),
                1 => format!(
                    "ALTER TABLE t{} DROP COLUMN name;\nDROP TABLE old{i};",
                    i - 1
                ),
                2 => format!(
                    "-- squawk-ignore ban-drop-table\nDROP TABLE old{i};\nTRUNCATE t{};",
                    i - 2
                ),
                3 => format!("ALTER TABLE old{i} RENAME TO t{i}_new;\nSELEC broken {i};"),
                _ => format!("-- squawk-ignore no-such-rule\nCREATE INDEX ix{i} ON old{i} (id);"),
            });
        }
        let names: Vec<String> = (1..=files.len()).map(|v| format!("V{v}__f.sql")).collect();
        let inputs: Vec<LintInput> = names
            .iter()
            .zip(&files)
            .map(|(file, sql)| LintInput::new(file, sql))
            .collect();
        let mut existing = ExistingObjects::new();
        for i in 0..40 {
            existing.insert_column("public", &format!("old{i}"), "id");
        }
        let policy = LintPolicy::default();
        let ctx = LintContext {
            existing: &existing,
            policy: &policy,
            unparsable: Unparsable::Deny,
            server_version_num: DEFAULT_SERVER_VERSION_NUM,
        };
        let one = lint_on(&inputs, &ctx, 1);
        assert!(one.has_denials() && one.warnings().count() > 0 && !one.allowed_drops.is_empty());
        assert!(one.findings.iter().any(|f| f.level == Level::Info));
        for threads in [2, 3, 8, 64] {
            assert_eq!(lint_on(&inputs, &ctx, threads), one, "{threads} threads");
        }
    }
}
