//! The guard: before the migration transaction commits, no table that existed before it may
//! have lost a large share of its rows, unless an allowed statement explains the loss.
//!
//! The lint reads statements; it cannot see into a `DO` block that `EXECUTE`s a `TRUNCATE`,
//! a function that deletes, a trigger, or an `ON DELETE CASCADE`. PostgreSQL can: for the
//! transaction in progress, `pg_stat_xact_user_tables` counts the rows it inserted, updated and
//! deleted in each table, whatever did it, and a `TRUNCATE` (or a rewrite) gives the table a
//! new `relfilenode`. [`Before::read`] notes both for every table right after `BEGIN`;
//! [`Before::check`] reads them again just before `COMMIT` and fails the run (exit 9, so
//! everything rolls back) for each table that
//!
//! - was emptied while its storage was replaced (`TRUNCATE`, whatever ran it), having held
//!   rows as far as the statistics know; or
//! - lost at least [`MIN_ROWS_LOST`] rows, and at least the `max_row_loss` share of the rows
//!   it had (deleted rows, or fewer rows after a rewrite),
//!
//! and whose loss no allowed statement explains ([`Losses`]: an ignore comment for
//! `ban-truncate` / `ban-delete-without-where` on a statement that truncates or deletes from
//! it, or on a statement the lint cannot see into; or those rules not denied by the policy).
//! Updated rows are reported with the numbers but do not fail the run: updating is how data
//! migrations work, and `ban-update-without-where` warns about the visible ones.
//!
//! The rows a table had before are the rows it has now plus those the transaction deleted
//! minus those it inserted: exact, from one `count(*)`, read only for a table that lost rows
//! (the migration already holds its lock) and whose estimate (`reltuples`, `n_live_tup`) does
//! not already show the loss is small. A truncated table's rows before cannot be counted any
//! more: its estimate says how many, and a table the statistics know nothing about is not
//! judged (an `ALTER TABLE` that rewrites an empty table replaces its storage too). The
//! reading before touches only the catalog and the statistics, never a table, so it takes no
//! lock. It runs only when something is pending, inside the transaction, so the no-op deploy
//! does not pay for it.

use std::collections::BTreeMap;

use tokio_postgres::Transaction;

use crate::error::{Error, Result, VerificationContext, VerificationFailure};
use crate::lint::Losses;
use crate::migrations::Migration;
use crate::report::Reporter;
use crate::schema::QualifiedName;
use crate::verify::Finding;
use crate::verify::gate::schemagate_tables;

/// Fewer lost rows than this never fail the run (a truncation that empties a table does):
/// data migrations delete a handful of rows from small lookup tables all the time, and the
/// incidents this guards against lose whole tables.
pub const MIN_ROWS_LOST: u64 = 100;

/// One table as it was right after `BEGIN`.
#[derive(Debug, Clone)]
struct TableBefore {
    schema: String,
    name: String,
    relfilenode: u32,
    rows: Rows,
    counters: Counters,
}

/// How many rows a table had, as far as the catalog and the statistics say without touching
/// the table (reading its size would lock every table of the database for the whole
/// transaction): `reltuples` or `n_live_tup`, when either counts some. `None` for a table
/// analysed empty, and for one never analysed with no statistics (fewer than the ~50 rows
/// that make autovacuum analyse it, or statistics lost in a crash).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rows(Option<u64>);

impl Rows {
    fn estimate(self) -> Option<u64> {
        self.0
    }
}

/// What `pg_stat_xact_user_tables` says this transaction did to a table so far.
#[derive(Debug, Clone, Copy, Default)]
struct Counters {
    inserted: i64,
    updated: i64,
    deleted: i64,
}

/// Every table as it was right after `BEGIN`, by oid (a rename keeps it).
#[derive(Debug, Clone, Default)]
pub struct Before {
    tables: BTreeMap<u32, TableBefore>,
}

/// The tables the guard reads: ordinary tables outside the system schemas (a partitioned
/// table has no rows of its own; its partitions are read).
const TABLES: &str =
    "c.relkind = 'r' AND n.nspname <> 'information_schema' AND n.nspname NOT LIKE 'pg\\_%'";

impl Before {
    /// Notes every table's storage, estimate and counters. Nothing when `max_row_loss` is off
    /// or nothing is pending.
    pub async fn read(
        tx: &Transaction<'_>,
        max_row_loss: Option<f64>,
        pending: &[&Migration],
    ) -> Result<Option<Before>> {
        if max_row_loss.is_none() || pending.is_empty() {
            return Ok(None);
        }
        let sql = format!(
            "SELECT c.oid, n.nspname::text, c.relname::text, c.relfilenode,
                    c.reltuples::float8, coalesce(s.n_live_tup, 0),
                    coalesce(x.n_tup_ins, 0), coalesce(x.n_tup_upd, 0), coalesce(x.n_tup_del, 0)
               FROM pg_catalog.pg_class c
               JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
               LEFT JOIN pg_catalog.pg_stat_user_tables s ON s.relid = c.oid
               LEFT JOIN pg_catalog.pg_stat_xact_user_tables x ON x.relid = c.oid
              WHERE {TABLES}"
        );
        let rows = tx
            .query(&sql, &[])
            .await
            .map_err(|e| Error::database("reading the tables before the migrations", &e))?;
        let mut before = Before::default();
        for row in rows {
            let reltuples: f64 = row.get(4);
            let live: i64 = row.get(5);
            // PostgreSQL 14 and later say -1 for "never counted"; 13 says 0.
            let rows =
                Rows((reltuples >= 1.0 || live > 0).then(|| reltuples.max(live as f64) as u64));
            before.tables.insert(
                row.get::<_, u32>(0),
                TableBefore {
                    schema: row.get(1),
                    name: row.get(2),
                    relfilenode: row.get(3),
                    rows,
                    counters: Counters {
                        inserted: row.get(6),
                        updated: row.get(7),
                        deleted: row.get(8),
                    },
                },
            );
        }
        Ok(Some(before))
    }

    /// Fails the run (exit 9) for every table that lost more than `max_row_loss` of its rows
    /// without an explanation in `losses`; see the module documentation.
    pub async fn check(
        &self,
        tx: &Transaction<'_>,
        max_row_loss: f64,
        losses: &Losses,
        pending: &[&Migration],
        out: &Reporter,
    ) -> Result<()> {
        let oids: Vec<u32> = self.tables.keys().copied().collect();
        let rows = tx
            .query(
                "SELECT c.oid, n.nspname::text, c.relname::text, c.relfilenode,
                        coalesce(x.n_tup_ins, 0), coalesce(x.n_tup_upd, 0), coalesce(x.n_tup_del, 0)
                   FROM pg_catalog.pg_class c
                   JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                   LEFT JOIN pg_catalog.pg_stat_xact_user_tables x ON x.relid = c.oid
                  WHERE c.oid = ANY($1)",
                &[&oids],
            )
            .await
            .map_err(|e| guard_failed(&e, pending))?;
        let own = schemagate_tables();
        let mut findings = Vec::new();
        for row in rows {
            let Some(before) = self.tables.get(&row.get::<_, u32>(0)) else {
                continue;
            };
            let schema: String = row.get(1);
            let name: String = row.get(2);
            let now = Counters {
                inserted: row.get(4),
                updated: row.get(5),
                deleted: row.get(6),
            };
            let names = [
                (before.schema.clone(), before.name.clone()),
                (schema.clone(), name.clone()),
            ];
            let table = QualifiedName::new(schema, name);
            // schemagate's own tables, and Alembic's version row it moves.
            if own.contains(&table) || table.name == "alembic_version" {
                continue;
            }
            let delta = |f: fn(&Counters) -> i64| (f(&now) - f(&before.counters)).max(0) as u64;
            let deleted = delta(|c| c.deleted);
            let inserted = delta(|c| c.inserted);
            let updated = delta(|c| c.updated);
            let truncated = row.get::<_, u32>(3) != before.relfilenode;
            let finding = if truncated {
                // A table the statistics know nothing about held, at most, a few rows: the
                // migrations rewriting an empty table also replace its storage.
                let Some(had) = before.rows.estimate() else {
                    continue;
                };
                if names.iter().any(|n| losses.explains_truncation(n)) {
                    continue;
                }
                let after = count_rows(tx, &table, pending).await?;
                let lost = had.saturating_sub(after);
                let emptied = after == 0;
                let large = lost >= MIN_ROWS_LOST && lost as f64 >= max_row_loss * had as f64;
                if !(emptied || large) {
                    continue;
                }
                Finding::LostRows {
                    table,
                    before: before.rows.estimate(),
                    after,
                    deleted,
                    updated,
                    truncated: true,
                    rule: "ban-truncate".into(),
                    statements: statements(losses, &names),
                }
            } else {
                if deleted < MIN_ROWS_LOST || names.iter().any(|n| losses.explains_deletion(n)) {
                    continue;
                }
                // An estimate that already shows the loss is small saves counting a big table.
                if before
                    .rows
                    .estimate()
                    .is_some_and(|had| (deleted as f64) * 4.0 < max_row_loss * had as f64)
                {
                    continue;
                }
                let after = count_rows(tx, &table, pending).await?;
                let had = (after + deleted).saturating_sub(inserted).max(deleted);
                if (deleted as f64) < max_row_loss * had as f64 {
                    continue;
                }
                Finding::LostRows {
                    table,
                    before: Some(had),
                    after,
                    deleted,
                    updated,
                    truncated: false,
                    rule: "ban-delete-without-where".into(),
                    statements: statements(losses, &names),
                }
            };
            findings.push(finding);
        }
        if findings.is_empty() {
            return Ok(());
        }
        for f in &findings {
            out.schema_finding(f, true, None);
        }
        Err(Error::VerificationFailed(VerificationFailure {
            findings,
            // What earlier steps committed is filled in by the apply stage, from the history.
            context: VerificationContext::BeforeCommit {
                pending: pending.iter().map(|m| m.file_name.clone()).collect(),
                committed: Vec::new(),
            },
        }))
    }
}

/// The statements to look at for a table's loss: those that visibly empty it, else those the
/// lint cannot see into.
fn statements(losses: &Losses, names: &[(String, String)]) -> Vec<String> {
    let visible: Vec<String> = names
        .iter()
        .filter_map(|n| losses.sites.get(n))
        .flatten()
        .map(|s| s.to_string())
        .collect();
    if !visible.is_empty() {
        return visible;
    }
    losses.opaque.iter().map(|s| s.to_string()).collect()
}

/// `count(*)` of the table itself (not its inheritance children).
async fn count_rows(
    tx: &Transaction<'_>,
    table: &QualifiedName,
    pending: &[&Migration],
) -> Result<u64> {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let sql = format!(
        "SELECT count(*) FROM ONLY {}.{}",
        quote(&table.schema),
        quote(&table.name)
    );
    let row = tx
        .query_one(&sql, &[])
        .await
        .map_err(|e| guard_failed(&e, pending))?;
    Ok(row.get::<_, i64>(0).max(0) as u64)
}

fn guard_failed(err: &tokio_postgres::Error, pending: &[&Migration]) -> Error {
    crate::apply::transaction::transaction_failed(
        "counting the rows the migrations left",
        err,
        pending,
    )
}
