//! Names as PostgreSQL reads them: an unquoted identifier folds to lower case (ASCII letters
//! only, as `downcase_identifier` does in a UTF-8 database), a quoted one keeps its case and
//! turns `""` into `"`, a `U&"..."` one decodes its Unicode escapes (with the escape character
//! of a following `UESCAPE '...'`), and every identifier longer than 63 bytes is cut to 63
//! bytes (NAMEDATALEN - 1), at a character boundary, as the server does with a NOTICE. Two
//! spellings the server reads as one name must be one name to the lint: otherwise
//! `DROP TABLE U&"user\0073"` or a 70-byte name that truncates to an existing table's slips by.

use squawk_syntax::{SyntaxKind, SyntaxNode};

/// The longest identifier PostgreSQL keeps, in bytes (NAMEDATALEN - 1 in a default build).
pub(crate) const MAX_IDENTIFIER_BYTES: usize = 63;

/// The identifier parts of a (possibly qualified) name node, folded as PostgreSQL does:
/// `billing."Invoices"` is `["billing", "Invoices"]`.
pub(crate) fn parts(node: &SyntaxNode) -> Vec<String> {
    // Raw spellings first, so that a `UESCAPE '!'` after a part can still change how that
    // part decodes.
    let mut raw: Vec<(String, Option<char>)> = vec![(String::new(), None)];
    let mut uescape = false;
    for token in node
        .descendants_with_tokens()
        .filter_map(|e| e.into_token())
        .filter(|t| !t.kind().is_trivia())
    {
        match token.kind() {
            SyntaxKind::DOT => raw.push((String::new(), None)),
            SyntaxKind::L_PAREN | SyntaxKind::R_PAREN | SyntaxKind::STAR => {}
            SyntaxKind::ONLY_KW if raw.len() == 1 && raw[0].0.is_empty() => {}
            SyntaxKind::UESCAPE_KW => uescape = true,
            SyntaxKind::STRING if uescape => {
                uescape = false;
                let escape = token
                    .text()
                    .strip_prefix('\'')
                    .and_then(|t| t.strip_suffix('\''))
                    .and_then(|t| t.chars().next());
                if let Some(last) = raw.last_mut() {
                    last.1 = escape;
                }
            }
            _ => {
                if let Some(last) = raw.last_mut() {
                    last.0.push_str(token.text());
                }
            }
        }
    }
    raw.into_iter()
        .map(|(text, escape)| identifier(&text, escape.unwrap_or('\\')))
        .collect()
}

/// One identifier as PostgreSQL stores it; `escape` is the Unicode escape character of a
/// `U&"..."` identifier (`\` unless a `UESCAPE` says otherwise).
pub(crate) fn identifier(text: &str, escape: char) -> String {
    let folded = if let Some(inner) = unicode_quoted(text) {
        decode_unicode_escapes(&inner.replace("\"\"", "\""), escape)
    } else if let Some(inner) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        inner.replace("\"\"", "\"")
    } else {
        text.to_ascii_lowercase()
    };
    truncate(folded)
}

/// The inside of `U&"..."` (or `u&"..."`).
fn unicode_quoted(text: &str) -> Option<&str> {
    let rest = text
        .strip_prefix("U&")
        .or_else(|| text.strip_prefix("u&"))?;
    rest.strip_prefix('"')?.strip_suffix('"')
}

/// `\XXXX` (four hex digits), `\+XXXXXX` (six) and `\\`, with `escape` in place of `\`.
/// A UTF-16 surrogate pair written as two escapes is one character, as PostgreSQL reads it.
/// A malformed escape is kept as written: the server refuses the statement anyway.
fn decode_unicode_escapes(text: &str, escape: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let hex = |from: usize, n: usize| -> Option<u32> {
        let digits: String = chars.get(from..from + n)?.iter().collect();
        u32::from_str_radix(&digits, 16).ok()
    };
    while i < chars.len() {
        let c = chars[i];
        if c != escape {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&escape) {
            out.push(escape);
            i += 2;
            continue;
        }
        let (code, len) = if chars.get(i + 1) == Some(&'+') {
            (hex(i + 2, 6), 8)
        } else {
            (hex(i + 1, 4), 5)
        };
        let Some(code) = code else {
            out.push(c);
            i += 1;
            continue;
        };
        i += len;
        if (0xD800..0xDC00).contains(&code)
            && chars.get(i) == Some(&escape)
            && let Some(low) = hex(i + 1, 4)
            && (0xDC00..0xE000).contains(&low)
        {
            i += 5;
            let combined = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            out.extend(char::from_u32(combined));
            continue;
        }
        out.extend(char::from_u32(code));
    }
    out
}

/// Cut to [`MAX_IDENTIFIER_BYTES`] at a character boundary, as PostgreSQL's
/// `truncate_identifier` does.
fn truncate(mut name: String) -> String {
    if name.len() > MAX_IDENTIFIER_BYTES {
        let mut cut = MAX_IDENTIFIER_BYTES;
        while !name.is_char_boundary(cut) {
            cut -= 1;
        }
        name.truncate(cut);
    }
    name
}

/// The schemas of a `search_path` value as `SHOW search_path` prints it (`"$user", public`):
/// comma-separated identifiers, quoted ones kept as written, unquoted ones folded.
pub(crate) fn split_search_path(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ',' if !quoted => out.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    out.push(current);
    out.iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(|s| identifier(s, '\\'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_as_postgres_does() {
        assert_eq!(identifier("Users", '\\'), "users");
        assert_eq!(identifier("\"Users\"", '\\'), "Users");
        assert_eq!(identifier("\"a\"\"b\"", '\\'), "a\"b");
        // Only ASCII letters fold, as in a UTF-8 database.
        assert_eq!(identifier("Ärger", '\\'), "Ärger");
        assert_eq!(identifier("U&\"secr\\0065t\"", '\\'), "secret");
        assert_eq!(identifier("u&\"d!0061t!+000061\"", '!'), "data");
        assert_eq!(identifier("U&\"a\\\\b\"", '\\'), "a\\b");
        assert_eq!(identifier("U&\"\\D83D\\DE00\"", '\\'), "\u{1F600}");
        let long = "journey_templates_".repeat(5);
        assert_eq!(identifier(&long, '\\'), &long[..63]);
        // A multi-byte character straddling byte 63 is dropped whole.
        let name = format!("{}é", "a".repeat(62));
        assert_eq!(identifier(&name, '\\'), "a".repeat(62));
    }

    #[test]
    fn search_path_values() {
        assert_eq!(
            split_search_path("\"$user\", public"),
            vec!["$user".to_string(), "public".into()]
        );
        assert_eq!(
            split_search_path("App, \"Billing, Inc\""),
            vec!["app".to_string(), "Billing, Inc".into()]
        );
        assert!(split_search_path("").is_empty());
    }
}
