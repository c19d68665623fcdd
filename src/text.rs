//! Small pieces of wording shared by every message: positions in files, durations, counts,
//! TOML errors and timestamps. Server error positions, which count characters, are
//! [`crate::pg_error::line_col`]'s.

use std::time::Duration;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// The 1-based line holding byte `offset` of `bytes` (the last line when past the end).
pub fn line_of(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// `1500ms`, `300s`: a duration as a person set it, exact to the millisecond.
pub fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if !ms.is_multiple_of(1000) {
        format!("{ms}ms")
    } else {
        format!("{}s", ms / 1000)
    }
}

/// `1 table`, `2 tables`, `0 tables`: a count with its noun in the right number.
pub fn count(n: usize, noun: &str) -> String {
    match n {
        1 => format!("1 {noun}"),
        n => format!("{n} {noun}s"),
    }
}

/// File names for a message: all of them, or for a long list the first and the last with the
/// count between ("V61__a.sql, ..., V106__b.sql (46 files)"), so one message stays readable.
pub fn names(names: &[String]) -> String {
    match names {
        [first, .., last] if names.len() > 6 => {
            format!("{first}, ..., {last} ({} files)", names.len())
        }
        _ => names.join(", "),
    }
}

/// `line N: message` from a TOML error in `text`, for messages that name the line.
pub fn toml_error(text: &str, err: &toml::de::Error) -> String {
    let message = err.message().trim().to_string();
    match err.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message,
    }
}

/// Now, RFC 3339 UTC, for JSON log lines and history rows.
pub fn now_rfc3339() -> String {
    OffsetDateTime::now_utc()
        .format(&Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_map_to_lines() {
        let text = b"one\ntwo\n\nfour";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 3), 1);
        assert_eq!(line_of(text, 4), 2);
        assert_eq!(line_of(text, 9), 4);
        assert_eq!(line_of(text, 1000), 4);
    }

    #[test]
    fn durations_and_counts_read_naturally() {
        assert_eq!(duration(Duration::from_millis(1500)), "1500ms");
        assert_eq!(duration(Duration::from_secs(300)), "300s");
        assert_eq!(count(1, "table"), "1 table");
        assert_eq!(count(0, "table"), "0 tables");
        assert_eq!(count(7, "migration"), "7 migrations");
    }
}
