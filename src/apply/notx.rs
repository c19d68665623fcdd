//! Migrations marked `-- schemagate:no-transaction`, run one statement at a time.
//!
//! `CREATE INDEX CONCURRENTLY` and friends refuse to run inside a transaction, and a
//! multi-statement simple query is an implicit transaction, so each statement is sent alone.
//! The history row is written only after every statement succeeded. A failure reports which
//! statements ran, and an INVALID index left behind by a failed concurrent build is named with
//! the statement that removes it.
//!
//! An index left INVALID (a failed concurrent build, or an earlier one that `IF NOT EXISTS` now
//! skips) fails the migration before it is recorded, with the statement that removes it: a
//! retried `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS` must not count as applied while its
//! index enforces nothing. They run in version order between the transactional steps, so a
//! check before an earlier COMMIT cannot yet see what they create: [`names`] says which
//! requirements to leave for the check that follows them.

use std::collections::BTreeSet;
use std::time::Instant;

use tokio_postgres::Client;

use crate::error::{Error, Result};
use crate::lint::split_statements;
use crate::migrations::Migration;
use crate::report::Reporter;

/// Apply one no-transaction migration and record it.
pub async fn apply(client: &mut Client, m: &Migration, out: &Reporter) -> Result<()> {
    let start = Instant::now();
    let statements = split_statements(&m.sql);
    for (i, stmt) in statements.iter().enumerate() {
        if let Err(e) = client.batch_execute(&stmt.text).await {
            let invalid = invalid_indexes(client, &BTreeSet::new()).await;
            let (location, cause) = match crate::pg_error::db_error(&e) {
                Some(db) => {
                    let pos = crate::pg_error::position_in(&stmt.text, db)
                        .map(|(l, c)| (stmt.line + l - 1, c))
                        .unwrap_or((stmt.line, 1));
                    (
                        format!("{}:{}:{}", m.file_name, pos.0, pos.1),
                        db.message().to_string(),
                    )
                }
                None => (
                    format!("{}:{}", m.file_name, stmt.line),
                    crate::pg_error::chain(&e),
                ),
            };
            let hint = invalid.map(|sql| {
                format!("a failed concurrent build left an INVALID index; remove it with: {sql}")
            });
            if i == 0 {
                return Err(Error::MigrationFailed {
                    location,
                    cause,
                    hint,
                    rolled_back: format!(
                        "{} runs outside the transaction: none of its statements ran",
                        m.file_name
                    ),
                });
            }
            return Err(Error::PartiallyApplied {
                location,
                cause,
                hint,
                file: m.file_name.clone(),
                ran: i,
                total: statements.len(),
            });
        }
    }
    if let Some(drops) = invalid_indexes(client, &names(&m.sql)).await {
        return Err(Error::MigrationFailed {
            location: m.file_name.clone(),
            cause: "its statements ran, but an index it names is INVALID: a concurrent build failed (now or in an earlier run that `IF NOT EXISTS` skips), and the index enforces nothing".into(),
            hint: Some(format!("remove it with: {drops} then deploy again to build it")),
            rolled_back: format!(
                "{} runs outside the transaction: it is not recorded as applied",
                m.file_name
            ),
        });
    }
    crate::history::ensure_table(&*client)
        .await
        .map_err(|e| Error::database("creating the history table", &e))?;
    // The same row refinery writes for a transactional migration.
    client
        .execute(
            &format!(
                "INSERT INTO {} (version, name, applied_on, checksum) VALUES ($1, $2, $3, $4)",
                crate::history::HISTORY_TABLE
            ),
            &[
                &m.version,
                &m.name,
                &crate::text::now_rfc3339(),
                &m.checksum.to_string(),
            ],
        )
        .await
        .map_err(|e| Error::database(format!("recording {}", m.file_name), &e))?;
    crate::history::record_statements(
        &*client,
        crate::history::HISTORY_TABLE,
        &[m],
        crate::history::Within::Autocommit,
        out,
    )
    .await
    .map_err(|e| Error::database(format!("recording {}", m.file_name), &e))?;
    out.info(&format!(
        "applied {} outside the transaction ({} statements) in {} ms",
        m.file_name,
        statements.len(),
        start.elapsed().as_millis()
    ));
    Ok(())
}

/// `DROP INDEX CONCURRENTLY ...` for each invalid index whose name or table is among `names`
/// (every invalid index when `names` is empty), if there is one.
async fn invalid_indexes(client: &Client, names: &BTreeSet<String>) -> Option<String> {
    let rows = client
        .query(
            "SELECT format('DROP INDEX CONCURRENTLY %I.%I;', n.nspname, c.relname), c.relname::text, t.relname::text \
             FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid \
             JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT (i.indisvalid AND i.indisready)",
            &[],
        )
        .await
        .ok()?;
    let drops: Vec<String> = rows
        .iter()
        .filter(|r| {
            names.is_empty()
                || names.contains(r.get::<_, &str>(1))
                || names.contains(r.get::<_, &str>(2))
        })
        .map(|r| r.get(0))
        .collect();
    (!drops.is_empty()).then(|| drops.join(" "))
}

/// Every name a migration mentions: unquoted identifiers folded to lower case, quoted
/// identifiers and string literals as written (enum values are literals). Comments and
/// dollar-quoted bodies are skipped. A requirement on one of these names is verified after
/// the no-transaction migrations instead of before COMMIT; naming too much only moves a check
/// later, never skips it. A name longer than PostgreSQL's 63 bytes is also named as PostgreSQL
/// stores it, cut to 63 bytes.
pub fn names(sql: &str) -> BTreeSet<String> {
    let mut names = mentioned(sql);
    let cut: Vec<String> = names
        .iter()
        .filter(|name| name.len() > MAX_IDENTIFIER_BYTES)
        .map(|name| truncated(name).to_owned())
        .collect();
    names.extend(cut);
    names
}

/// NAMEDATALEN - 1: PostgreSQL cuts longer identifiers to this many bytes (with a NOTICE).
const MAX_IDENTIFIER_BYTES: usize = 63;

/// `name` cut to at most 63 bytes on a character boundary, as PostgreSQL's truncate_identifier.
fn truncated(name: &str) -> &str {
    let mut end = MAX_IDENTIFIER_BYTES;
    while !name.is_char_boundary(end) {
        end -= 1;
    }
    &name[..end]
}

fn mentioned(sql: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut chars = sql.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        match c {
            '-' if chars.peek().is_some_and(|&(_, n)| n == '-') => {
                for (_, n) in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek().is_some_and(|&(_, n)| n == '*') => {
                chars.next();
                let mut last = ' ';
                for (_, n) in chars.by_ref() {
                    if last == '*' && n == '/' {
                        break;
                    }
                    last = n;
                }
            }
            '\'' | '"' => {
                let mut text = String::new();
                while let Some((_, n)) = chars.next() {
                    if n == c {
                        // A doubled quote is an escaped quote.
                        if chars.peek().is_some_and(|&(_, m)| m == c) {
                            chars.next();
                        } else {
                            break;
                        }
                    }
                    text.push(n);
                }
                names.insert(text);
            }
            '$' => {
                // $tag$ ... $tag$: skip the body.
                let rest = &sql[start + 1..];
                if let Some(end) = rest.find('$')
                    && rest[..end].chars().all(|t| t.is_alphanumeric() || t == '_')
                {
                    let delimiter = format!("${}$", &rest[..end]);
                    let body = start + 1 + end + 1;
                    let close = sql[body..]
                        .find(&delimiter)
                        .map_or(sql.len(), |i| body + i + delimiter.len());
                    while chars.peek().is_some_and(|&(i, _)| i < close) {
                        chars.next();
                    }
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                let mut word: String = c.to_lowercase().collect();
                while let Some(&(_, n)) = chars.peek() {
                    if n.is_alphanumeric() || n == '_' || n == '$' {
                        word.extend(n.to_lowercase());
                        chars.next();
                    } else {
                        break;
                    }
                }
                names.insert(word);
            }
            _ => {}
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn names_longer_than_63_bytes_are_also_named_as_postgresql_cuts_them() {
        let found = names(
            "CREATE INDEX CONCURRENTLY ix_flow_run__scheduler_deployment_id_auto_scheduled_next_scheduled_start_time ON flow_run (x);",
        );
        assert!(found.contains("ix_flow_run__scheduler_deployment_id_auto_scheduled_next_schedu"));
        assert!(found.contains(
            "ix_flow_run__scheduler_deployment_id_auto_scheduled_next_scheduled_start_time"
        ));
        // A multi-byte character is never split.
        let long = format!("\"{}é\"", "a".repeat(62));
        assert!(names(&long).contains(&"a".repeat(62)));
    }

    #[test]
    fn names_fold_unquoted_identifiers_and_keep_quoted_ones_and_literals() {
        let found = names(
            "-- an IX_comment\nCREATE INDEX CONCURRENTLY Ix_A ON \"Orders\" (name);\n\
             /* ix_block */ ALTER TYPE mood ADD VALUE 'So ''happy''';\n\
             CREATE FUNCTION f() RETURNS int AS $body$ select ix_body $body$ LANGUAGE sql;",
        );
        for name in ["ix_a", "Orders", "name", "mood", "So 'happy'", "f"] {
            assert!(found.contains(name), "{name} in {found:?}");
        }
        for name in ["ix_comment", "ix_block", "ix_body", "Ix_A", "orders"] {
            assert!(!found.contains(name), "{name} in {found:?}");
        }
    }
}
