//! Statement-level facts about migration SQL: splitting a file into statements (for
//! no-transaction migrations, which run one statement per call), which statements PostgreSQL
//! refuses inside a transaction, and which statements are safe to run twice. Splitting uses
//! squawk-syntax's lossless parser, so semicolons inside strings, dollar quotes and comments
//! are not boundaries. Linting itself lives in `lint::mod`; the no-transaction marker is
//! [`crate::migrations::has_no_transaction_marker`]'s.

use squawk_syntax::{SourceFile, SyntaxKind, SyntaxNode};

/// PostgreSQL 12 (`server_version_num` 120000) allows `ALTER TYPE ... ADD VALUE` in a transaction.
const PG12: i32 = 120_000;

/// One statement of a migration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statement {
    /// The statement text, from its first token to its end (including the `;` when present);
    /// leading comments are not included.
    pub text: String,
    /// 1-based line of the statement's first token.
    pub line: usize,
    /// Byte offset of the statement's first token in the file.
    pub offset: usize,
}

/// Splits a migration into its statements, in order. Never fails: a part the parser could
/// not understand is still returned as a statement ending at the next top-level `;`, and
/// PostgreSQL decides.
pub fn split_statements(sql: &str) -> Vec<Statement> {
    let parse = SourceFile::parse(sql);
    let root = parse.syntax_node();
    let lines = LineIndex::new(sql);
    let mut out = Vec::new();
    for node in root.children() {
        for (start, end) in token_segments(&node) {
            let text = sql.get(start..end).unwrap_or_default().trim_end();
            if text.is_empty() || text == ";" {
                continue;
            }
            out.push(Statement {
                text: text.to_string(),
                line: lines.line_col(sql, start).0,
                offset: start,
            });
        }
    }
    out
}

/// The byte ranges of a top-level node, from its first non-trivia token to its end. A node
/// the parser gave up on may hold several statements; it is split at its `;` tokens.
fn token_segments(node: &SyntaxNode) -> Vec<(usize, usize)> {
    let is_error = node.kind() == SyntaxKind::ERROR || has_error_child(node);
    let mut segments = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0usize;
    for token in node
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
    {
        let range = token.text_range();
        if token.kind().is_trivia() {
            continue;
        }
        if start.is_none() {
            start = Some(u32::from(range.start()) as usize);
        }
        end = u32::from(range.end()) as usize;
        if is_error
            && token.kind() == SyntaxKind::SEMICOLON
            && let Some(s) = start.take()
        {
            segments.push((s, end));
        }
    }
    if let Some(s) = start {
        segments.push((s, end));
    }
    segments
}

fn has_error_child(node: &SyntaxNode) -> bool {
    node.descendants().any(|n| n.kind() == SyntaxKind::ERROR)
}

/// The lowercased texts of a statement's non-comment tokens (quoted identifiers keep their
/// quotes, so `"if"` never reads as the keyword).
pub(crate) fn words(sql: &str) -> Vec<String> {
    let parse = SourceFile::parse(sql);
    node_words(&parse.syntax_node())
}

pub(crate) fn node_words(node: &SyntaxNode) -> Vec<String> {
    node.descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia())
        .map(|t| t.text().to_lowercase())
        .collect()
}

fn contains_seq(words: &[String], seq: &[&str]) -> bool {
    words
        .windows(seq.len())
        .any(|w| w.iter().zip(seq).all(|(a, b)| a == b))
}

/// Why PostgreSQL refuses this statement inside a transaction block, if it does
/// (`server_version_num` as in `SHOW server_version_num`; `ALTER TYPE ... ADD VALUE` is only
/// refused before 12).
pub fn requires_no_transaction(stmt: &str, server_version_num: i32) -> Option<&'static str> {
    let w = words(stmt);
    requires_no_transaction_words(&w, server_version_num)
}

pub(crate) fn requires_no_transaction_words(
    w: &[String],
    server_version_num: i32,
) -> Option<&'static str> {
    let first = |n: usize| w.get(n).map(String::as_str).unwrap_or_default();
    match first(0) {
        "create" if contains_seq(w, &["index", "concurrently"]) => {
            Some("CREATE INDEX CONCURRENTLY")
        }
        "drop" if first(1) == "index" && first(2) == "concurrently" => {
            Some("DROP INDEX CONCURRENTLY")
        }
        "reindex" if w.iter().any(|x| x == "concurrently") => Some("REINDEX CONCURRENTLY"),
        "vacuum" => Some("VACUUM"),
        "create" if first(1) == "database" => Some("CREATE DATABASE"),
        "drop" if first(1) == "database" => Some("DROP DATABASE"),
        "alter"
            if first(1) == "type"
                && contains_seq(w, &["add", "value"])
                && server_version_num < PG12 =>
        {
            Some("ALTER TYPE ... ADD VALUE (before PostgreSQL 12)")
        }
        _ => None,
    }
}

/// Whether running the statement a second time, after it already succeeded once, is
/// harmless: `CREATE ... IF NOT EXISTS`, `CREATE OR REPLACE`, `DROP ... IF EXISTS`,
/// `ALTER ... ADD ... IF NOT EXISTS` / `DROP ... IF EXISTS`, and maintenance or settings
/// statements (`VACUUM`, `ANALYZE`, `REINDEX`, `SET`, `COMMENT ON`, `GRANT`, `REVOKE`).
/// This decides whether a failed no-transaction migration may be retried automatically.
pub fn is_idempotent(stmt: &Statement) -> bool {
    is_idempotent_words(&words(&stmt.text))
}

pub(crate) fn is_idempotent_words(w: &[String]) -> bool {
    let Some(first) = w.first() else {
        return true;
    };
    match first.as_str() {
        "vacuum" | "analyze" | "analyse" | "reindex" | "set" | "reset" | "comment" | "grant"
        | "revoke" | "select" | "checkpoint" => true,
        "create" => {
            contains_seq(w, &["if", "not", "exists"]) || contains_seq(w, &["or", "replace"])
        }
        "drop" => contains_seq(w, &["if", "exists"]),
        "alter" => {
            // `ALTER TABLE IF EXISTS t ...` guards the table, not the action; the action
            // itself must carry its own IF [NOT] EXISTS.
            let guarded = |i: usize| w.get(i + 1).is_some_and(|x| x == "exists" || x == "not");
            let actions: Vec<usize> = w
                .iter()
                .enumerate()
                .filter(|(i, x)| x.as_str() == "if" && *i > 2 && guarded(*i))
                .map(|(i, _)| i)
                .collect();
            !actions.is_empty()
        }
        _ => false,
    }
}

/// Maps byte offsets to 1-based line and column (columns count characters).
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// 1-based (line, column) of a byte offset.
    pub(crate) fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts.get(line).copied().unwrap_or(0);
        let column = text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line + 1, column + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_dollar_quotes_strings_and_comments() {
        let sql = "-- header; not a statement\n\
                   CREATE FUNCTION f() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;\n\
                   INSERT INTO t VALUES ('a;b'); /* c; d */\n\
                   SELECT 2";
        let stmts = split_statements(sql);
        assert_eq!(stmts.len(), 3, "{stmts:#?}");
        assert!(stmts[0].text.starts_with("CREATE FUNCTION"));
        assert!(stmts[0].text.ends_with("plpgsql;"));
        assert_eq!(stmts[0].line, 2);
        assert_eq!(stmts[1].text, "INSERT INTO t VALUES ('a;b');");
        assert_eq!(stmts[2].text, "SELECT 2");
        assert_eq!(stmts[2].line, 4);
        assert_eq!(&sql[stmts[1].offset..stmts[1].offset + 6], "INSERT");
    }

    #[test]
    fn splits_around_parse_errors() {
        let stmts = split_statements("ALTER TABLE users ADD COLUMN;\nSELECT 1;\nSELECT 2;");
        let texts: Vec<_> = stmts.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["ALTER TABLE users ADD COLUMN;", "SELECT 1;", "SELECT 2;"]
        );
        assert_eq!(stmts[2].line, 3);
    }

    #[test]
    fn no_transaction_statements() {
        for sql in [
            "CREATE INDEX CONCURRENTLY i ON t (a)",
            "create unique index concurrently if not exists i on t (a)",
            "DROP INDEX CONCURRENTLY i",
            "REINDEX INDEX CONCURRENTLY i",
            "REINDEX (CONCURRENTLY) TABLE t",
            "VACUUM t",
            "CREATE DATABASE d",
            "DROP DATABASE d",
        ] {
            assert!(requires_no_transaction(sql, 170000).is_some(), "{sql}");
        }
        assert!(requires_no_transaction("ALTER TYPE e ADD VALUE 'x'", 110000).is_some());
        assert!(requires_no_transaction("ALTER TYPE e ADD VALUE 'x'", 120000).is_none());
        assert!(requires_no_transaction("CREATE INDEX i ON t (a)", 170000).is_none());
    }

    #[test]
    fn idempotence() {
        let s = |t: &str| Statement {
            text: t.into(),
            line: 1,
            offset: 0,
        };
        assert!(is_idempotent(&s(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a)"
        )));
        assert!(is_idempotent(&s("DROP INDEX CONCURRENTLY IF EXISTS i")));
        assert!(is_idempotent(&s(
            "ALTER TYPE e ADD VALUE IF NOT EXISTS 'x'"
        )));
        assert!(is_idempotent(&s("VACUUM t")));
        assert!(!is_idempotent(&s("CREATE INDEX CONCURRENTLY i ON t (a)")));
        assert!(!is_idempotent(&s(
            "ALTER TABLE IF EXISTS t ADD COLUMN c int"
        )));
        assert!(!is_idempotent(&s("INSERT INTO t VALUES (1)")));
    }

    #[test]
    fn line_index_is_one_based() {
        let text = "ab\ncdé\nf";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, text.len()), (3, 2));
    }
}
