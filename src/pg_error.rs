//! Turning PostgreSQL errors into the server's own words.
//!
//! refinery and tokio-postgres both print "db error" and hide the server's message behind
//! `source()`. This module walks the chain to the `DbError` and keeps what a person needs:
//! message, detail, hint, SQLSTATE and the position inside the statement.

use std::error::Error as StdError;

use tokio_postgres::error::{DbError, ErrorPosition};

/// The first `DbError` found walking `err`'s sources, if the server said anything.
pub fn db_error<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a DbError> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(db) = e.downcast_ref::<DbError>() {
            return Some(db);
        }
        if let Some(pg) = e.downcast_ref::<tokio_postgres::Error>()
            && let Some(db) = pg.as_db_error()
        {
            return Some(db);
        }
        current = e.source();
    }
    None
}

/// Whether `err` means the connection is gone: closed, broken, or ended by the server
/// (SQLSTATE class 08, connection exception; 57P01-57P03, shut down or restarting). What was
/// in flight is rolled back by the server when the session ends.
pub fn is_connection_lost(err: &(dyn StdError + 'static)) -> bool {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(pg) = e.downcast_ref::<tokio_postgres::Error>()
            && pg.is_closed()
        {
            return true;
        }
        if e.downcast_ref::<std::io::Error>().is_some() {
            return true;
        }
        if let Some(db) = db_error(e) {
            let code = db.code().code();
            return code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03");
        }
        current = e.source();
    }
    false
}

/// One line: the server's message and detail, or the client's error chain.
pub fn describe(err: &(dyn StdError + 'static)) -> String {
    match db_error(err) {
        Some(db) => {
            let mut out = db.message().to_string();
            if let Some(detail) = db.detail() {
                out.push_str(&format!(" ({detail})"));
            }
            out
        }
        None => chain(err),
    }
}

/// `a: b: c` from an error and its sources, skipping repeats.
pub fn chain(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

/// The 1-based (line, column) of a server error's position inside `sql`, the text that was sent.
pub fn position_in(sql: &str, db: &DbError) -> Option<(usize, usize)> {
    let pos = match db.position()? {
        ErrorPosition::Original(p) => *p as usize,
        // An error inside a function body: the position is in the internal query, which we
        // cannot map back to the file.
        ErrorPosition::Internal { .. } => return None,
    };
    line_col(sql, pos)
}

/// PostgreSQL positions count characters from 1; map one to a 1-based line and column.
pub fn line_col(sql: &str, char_pos: usize) -> Option<(usize, usize)> {
    let mut line = 1;
    let mut col = 1;
    for (i, ch) in sql.chars().enumerate() {
        if i + 1 == char_pos {
            return Some((line, col));
        }
        if ch == '\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::line_col;

    #[test]
    fn positions_map_to_lines_and_columns() {
        let sql = "create table a (id int);\nalter table b\n  add column x int;";
        assert_eq!(line_col(sql, 1), Some((1, 1)));
        assert_eq!(line_col(sql, 26), Some((2, 1)));
        assert_eq!(line_col(sql, 42), Some((3, 3)));
        assert_eq!(line_col(sql, 1000), None);
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let sql = "-- é\nselect x;";
        assert_eq!(line_col(sql, 6), Some((2, 1)));
    }
}
