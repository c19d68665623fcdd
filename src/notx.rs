//! Migrations marked `-- schemagate:no-transaction`, run one statement at a time.
//!
//! `CREATE INDEX CONCURRENTLY` and friends refuse to run inside a transaction, and a
//! multi-statement simple query is an implicit transaction, so each statement is sent alone.
//! The history row is written only after every statement succeeded. A failure reports which
//! statements ran, and an INVALID index left behind by a failed concurrent build is named with
//! the statement that removes it. What they will create (indexes, enum labels) is known before
//! they run, so the check before COMMIT leaves those to the check after them ([`Deferred`]).

use std::collections::BTreeSet;
use std::time::Instant;

use tokio_postgres::Client;

use crate::error::{Error, Result};
use crate::lint::split_statements;
use crate::lint::statements::words;
use crate::migrations::Migration;
use crate::report;
use crate::verify::Finding;

/// Apply one no-transaction migration and record it.
pub async fn apply(client: &mut Client, m: &Migration) -> Result<()> {
    let start = Instant::now();
    let statements = split_statements(&m.sql);
    for (i, stmt) in statements.iter().enumerate() {
        if let Err(e) = client.batch_execute(&stmt.text).await {
            let invalid = invalid_indexes(client).await;
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
                &crate::runs::now_rfc3339(),
                &m.checksum.to_string(),
            ],
        )
        .await
        .map_err(|e| Error::database(format!("recording {}", m.file_name), &e))?;
    report::info(&format!(
        "applied {} outside the transaction ({} statements) in {} ms",
        m.file_name,
        statements.len(),
        start.elapsed().as_millis()
    ));
    Ok(())
}

/// `DROP INDEX CONCURRENTLY ...` for each invalid index, if there is one.
async fn invalid_indexes(client: &Client) -> Option<String> {
    let rows = client
        .query(
            "SELECT format('DROP INDEX CONCURRENTLY %I.%I;', n.nspname, c.relname) FROM pg_index i \
             JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE NOT i.indisvalid",
            &[],
        )
        .await
        .ok()?;
    let drops: Vec<String> = rows.iter().map(|r| r.get(0)).collect();
    (!drops.is_empty()).then(|| drops.join(" "))
}

/// What pending no-transaction migrations create once the transaction has committed: the
/// indexes they build (`CREATE INDEX CONCURRENTLY`) and the enum labels they add (`ALTER TYPE
/// ... ADD VALUE`). The expected schema lists them (`snapshot` writes every index), but the
/// check before COMMIT cannot find them yet: it leaves them to the check that follows the
/// no-transaction migrations.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Deferred {
    /// Index names, without their schema.
    indexes: BTreeSet<String>,
    /// (enum type name without its schema, label).
    enum_values: BTreeSet<(String, String)>,
}

impl Deferred {
    /// What `migrations` (the pending no-transaction ones) create.
    pub fn of(migrations: &[&Migration]) -> Deferred {
        let mut deferred = Deferred::default();
        for m in migrations {
            for stmt in split_statements(&m.sql) {
                deferred.read(&words(&stmt.text));
            }
        }
        deferred
    }

    fn read(&mut self, w: &[String]) {
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        match w.as_slice() {
            ["create", rest @ ..] => {
                let rest = rest.strip_prefix(&["unique"]).unwrap_or(rest);
                let Some(rest) = rest.strip_prefix(&["index"]) else {
                    return;
                };
                let rest = rest.strip_prefix(&["concurrently"]).unwrap_or(rest);
                let rest = rest.strip_prefix(&["if", "not", "exists"]).unwrap_or(rest);
                // The name is whatever comes before ON (`schema . name`); none when unnamed.
                if let Some(on) = rest.iter().position(|t| *t == "on")
                    && let Some(name) = rest[..on].last()
                {
                    self.indexes.insert(unquote(name));
                }
            }
            ["alter", "type", rest @ ..] => {
                let Some(add) = rest.windows(2).position(|p| p == ["add", "value"]) else {
                    return;
                };
                let Some(type_name) = rest[..add].last() else {
                    return;
                };
                let after = &rest[add + 2..];
                let after = after
                    .strip_prefix(&["if", "not", "exists"])
                    .unwrap_or(after);
                if let Some(label) = after.first().and_then(|l| l.strip_prefix('\'')) {
                    let label = label.strip_suffix('\'').unwrap_or(label).replace("''", "'");
                    self.enum_values.insert((unquote(type_name), label));
                }
            }
            _ => {}
        }
    }

    /// Whether `finding` is something these migrations have yet to create.
    pub fn covers(&self, finding: &Finding) -> bool {
        match finding {
            Finding::MissingIndex { index, .. } => self.indexes.contains(index),
            Finding::MissingEnumValue { name, value } => self
                .enum_values
                .contains(&(name.name.clone(), value.clone())),
            _ => false,
        }
    }

    /// Whether there is nothing deferred.
    pub fn is_empty(&self) -> bool {
        self.indexes.is_empty() && self.enum_values.is_empty()
    }
}

fn unquote(name: &str) -> String {
    name.strip_prefix('"')
        .and_then(|n| n.strip_suffix('"'))
        .map(|n| n.replace("\"\"", "\""))
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::QualifiedName;

    fn deferred(sql: &str) -> Deferred {
        let mut d = Deferred::default();
        for stmt in split_statements(sql) {
            d.read(&words(&stmt.text));
        }
        d
    }

    #[test]
    fn indexes_built_concurrently_and_enum_labels_added_are_deferred() {
        let d = deferred(
            "CREATE INDEX CONCURRENTLY ix_a ON a (x);\n\
             create unique index concurrently if not exists public.ix_b on b (y);\n\
             create index concurrently on c (z);\n\
             ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'it''s ok' AFTER 'sad';\n\
             vacuum a;",
        );
        let index = |i: &str| Finding::MissingIndex {
            table: QualifiedName::parse("a"),
            index: i.into(),
        };
        assert!(d.covers(&index("ix_a")));
        assert!(d.covers(&index("ix_b")));
        assert!(!d.covers(&index("ix_c")));
        assert!(d.covers(&Finding::MissingEnumValue {
            name: QualifiedName::parse("mood"),
            value: "it's ok".into(),
        }));
        assert!(!d.covers(&Finding::MissingEnumValue {
            name: QualifiedName::parse("mood"),
            value: "sad".into(),
        }));
        assert!(!d.covers(&Finding::MissingTable {
            table: QualifiedName::parse("ix_a"),
        }));
    }

    #[test]
    fn other_statements_defer_nothing() {
        assert!(deferred("create table t (id int); reindex index concurrently ix;").is_empty());
    }
}
