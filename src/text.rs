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

/// How long ago, as a person says it: `just now`, `12 min ago`, `5 h ago`, `3 days ago`.
pub fn age(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0..60 => "just now".to_string(),
        60..3600 => format!("{} min ago", s / 60),
        3600..172_800 => format!("{} h ago", s / 3600),
        _ => format!("{} days ago", s / 86_400),
    }
}

/// An RFC 3339 timestamp to the second, in UTC (`2026-12-06T09:59:17Z`); the text as it is
/// when it is not one (a history row written by another tool).
pub fn to_the_second(timestamp: &str) -> String {
    match OffsetDateTime::parse(timestamp, &Rfc3339) {
        Ok(t) => {
            let t = t.to_offset(time::UtcOffset::UTC);
            format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                u8::from(t.month()),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            )
        }
        Err(_) => timestamp.to_string(),
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
        assert_eq!(age(Duration::from_secs(5)), "just now");
        assert_eq!(age(Duration::from_secs(600)), "10 min ago");
        assert_eq!(age(Duration::from_secs(7200)), "2 h ago");
        assert_eq!(age(Duration::from_secs(3 * 86_400)), "3 days ago");
        assert_eq!(
            to_the_second("2026-12-06T09:59:17.123456789Z"),
            "2026-12-06T09:59:17Z"
        );
        assert_eq!(to_the_second("yesterday"), "yesterday");
    }
}
