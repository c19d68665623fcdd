//! Migrations marked `-- schemagate:no-transaction`, run one statement at a time.
//!
//! `CREATE INDEX CONCURRENTLY` and friends refuse to run inside a transaction, and a
//! multi-statement simple query is an implicit transaction, so each statement is sent alone.
//! The history row is written only after every statement succeeded. A failure reports which
//! statements ran, and an INVALID index left behind by a failed concurrent build is named with
//! the statement that removes it.

use std::time::Instant;

use tokio_postgres::Client;

use crate::error::{Error, Result};
use crate::lint::split_statements;
use crate::migrations::Migration;
use crate::report;

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
