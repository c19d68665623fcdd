//! What the backup before a deploy holds: every table's rows (`backup_scope = "full"`, the
//! default), or the whole schema plus the rows of exactly the tables the pending migrations can
//! change (`"touched"`). The statements say which tables they write, drop, truncate or alter
//! ([`crate::lint::touched`]); the catalog adds every table reached through foreign keys that
//! cascade (`ON DELETE/UPDATE CASCADE`, `SET NULL`, `SET DEFAULT`) and through
//! `TRUNCATE ... CASCADE`, transitively. Whenever the reading cannot be sure, the backup is full
//! and the reason is said: a statement the parser cannot read, a `DO` block, a `CALL`, a
//! function that is not built in, a touched table with triggers or rules (or a view,
//! partitioned or inherited table), a no-transaction migration.

use std::collections::BTreeSet;

use tokio_postgres::Client;

use crate::error::{Error, Result};
use crate::lint::touched::{self, Written};
use crate::migrations::Migration;

/// The setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScopeSetting {
    /// Every table's rows.
    #[default]
    Full,
    /// The rows of the tables the pending migrations can change.
    Touched,
}

impl ScopeSetting {
    /// `full` or `touched`.
    pub fn parse(text: &str) -> std::result::Result<ScopeSetting, String> {
        match text {
            "full" => Ok(ScopeSetting::Full),
            "touched" => Ok(ScopeSetting::Touched),
            other => Err(format!("expected full or touched, got {other:?}")),
        }
    }
}

/// What one backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// Every table's rows; `fallback`: why a touched scope was asked for and not taken.
    Full { fallback: Option<String> },
    /// The whole schema and the rows of `tables` (`schema.table`, quoted as SQL needs).
    Touched {
        /// The tables whose rows are in the backup.
        tables: Vec<String>,
        /// Every other table, as `pg_dump --exclude-table-data` patterns.
        excluded: Vec<String>,
    },
}

impl Scope {
    /// The backup every deploy took before scopes existed.
    pub fn full() -> Scope {
        Scope::Full { fallback: None }
    }

    /// One line for the output: "full", "full (touched was asked for, but ...)", or "touched:
    /// the rows of a, b".
    pub fn describe(&self) -> String {
        match self {
            Scope::Full { fallback: None } => "full".to_string(),
            Scope::Full {
                fallback: Some(why),
            } => format!("full (backup_scope = touched, but {why})"),
            Scope::Touched { tables, .. } if tables.is_empty() => {
                "touched: the schema only (no pending migration changes existing rows)".to_string()
            }
            Scope::Touched { tables, .. } => {
                format!("touched: the schema and the rows of {}", tables.join(", "))
            }
        }
    }
}

/// Decides the scope of the backup before `pending` runs.
pub async fn decide(
    client: &Client,
    setting: ScopeSetting,
    pending: &[&Migration],
) -> Result<Scope> {
    if setting == ScopeSetting::Full {
        return Ok(Scope::full());
    }
    match touched_tables(client, pending).await? {
        Ok(tables) => {
            let excluded = other_tables(client, &tables).await?;
            let names = names_of(client, &tables).await?;
            Ok(Scope::Touched {
                tables: names,
                excluded,
            })
        }
        Err(why) => Ok(Scope::Full {
            fallback: Some(why),
        }),
    }
}

fn db_error(what: &'static str) -> impl Fn(tokio_postgres::Error) -> Error {
    move |e| Error::database(what, &e)
}

/// The oids of the touched tables, closed over cascades; or why a full backup is needed.
async fn touched_tables(
    client: &Client,
    pending: &[&Migration],
) -> Result<std::result::Result<BTreeSet<u32>, String>> {
    let mut written: Vec<Written> = Vec::new();
    let mut cascading: Vec<Written> = Vec::new();
    let mut calls: BTreeSet<String> = BTreeSet::new();
    let mut creates_trigger = false;
    for m in pending {
        if m.no_transaction {
            return Ok(Err(format!(
                "{} runs outside a transaction (a failure part-way leaves any table half-changed)",
                m.file_name
            )));
        }
        match touched::read(&m.file_name, &m.sql) {
            Ok(t) => {
                written.extend(t.tables);
                cascading.extend(t.truncate_cascade);
                calls.extend(t.calls);
                creates_trigger |= t.creates_trigger;
            }
            Err(why) => return Ok(Err(why)),
        }
    }
    if creates_trigger && !written.is_empty() {
        return Ok(Err(
            "the pending migrations create a trigger and change rows it may fire on".to_string(),
        ));
    }
    let calls: Vec<String> = calls.into_iter().collect();
    let sql = "SELECT f FROM unnest($1::text[]) f WHERE \
               EXISTS (SELECT 1 FROM pg_proc p WHERE p.proname = f \
                       AND p.pronamespace <> 'pg_catalog'::regnamespace) \
               OR NOT EXISTS (SELECT 1 FROM pg_proc p WHERE p.proname = f) ORDER BY 1";
    let rows = client
        .query(sql, &[&calls])
        .await
        .map_err(db_error("reading the functions the migrations call"))?;
    if let Some(row) = rows.first() {
        let name: String = row.get(0);
        return Ok(Err(format!(
            "a pending migration calls {name}(), which is not built in (what it changes cannot be read)"
        )));
    }

    let mut tables = resolve(client, &written).await?;
    let mut truncated = resolve(client, &cascading).await?;
    let edges = client
        .query(
            "SELECT conrelid::int8, confrelid::int8, confdeltype::text, confupdtype::text \
             FROM pg_constraint WHERE contype = 'f'",
            &[],
        )
        .await
        .map_err(db_error("reading the foreign keys"))?;
    let edges: Vec<(u32, u32, bool)> = edges
        .iter()
        .map(|r| {
            let acts = |t: String| matches!(t.as_str(), "c" | "n" | "d");
            let on_change = acts(r.get(2)) || acts(r.get(3));
            (
                r.get::<_, i64>(0) as u32,
                r.get::<_, i64>(1) as u32,
                on_change,
            )
        })
        .collect();
    // To a fixed point: a referencing table whose key cascades, or any referencing table of a
    // table TRUNCATE ... CASCADE empties (which empties it in turn).
    loop {
        let mut grew = false;
        for &(from, to, on_change) in &edges {
            if truncated.contains(&to) && truncated.insert(from) {
                tables.insert(from);
                grew = true;
            }
            if on_change && tables.contains(&to) && tables.insert(from) {
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    tables.extend(&truncated);

    let oids: Vec<i64> = tables.iter().map(|&o| i64::from(o)).collect();
    let rows = client
        .query(
            "SELECT format('%I.%I', n.nspname, c.relname), c.relkind::text, \
               EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = c.oid), \
               (SELECT string_agg(t.tgname, ', ' ORDER BY t.tgname) FROM pg_trigger t \
                 WHERE t.tgrelid = c.oid AND NOT t.tgisinternal), \
               (SELECT string_agg(r.rulename, ', ' ORDER BY r.rulename) FROM pg_rewrite r \
                 WHERE r.ev_class = c.oid AND r.rulename <> '_RETURN') \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.oid = ANY($1::int8[]::oid[]) ORDER BY 1",
            &[&oids],
        )
        .await
        .map_err(db_error("reading the touched tables"))?;
    for row in &rows {
        let name: String = row.get(0);
        let kind: String = row.get(1);
        let has_children: bool = row.get(2);
        let triggers: Option<String> = row.get(3);
        let rules: Option<String> = row.get(4);
        let why = match (kind.as_str(), has_children, triggers, rules) {
            (_, _, Some(t), _) => {
                format!("table {name} has triggers ({t}), which may change other tables")
            }
            (_, _, _, Some(r)) => {
                format!("table {name} has rules ({r}), which may change other tables")
            }
            ("r", true, _, _) => format!("table {name} has inheritance children"),
            ("r", false, None, None) => continue,
            ("p", ..) => format!("{name} is a partitioned table"),
            ("v", ..) | ("m", ..) => format!("{name} is a view, whose writes go elsewhere"),
            (other, ..) => format!("{name} is not a plain table (relkind {other})"),
        };
        return Ok(Err(why));
    }
    Ok(Ok(tables))
}

/// The oids of the tables that exist now; names that do not (created by the run) are left out:
/// they have no rows yet.
async fn resolve(client: &Client, names: &[Written]) -> Result<BTreeSet<u32>> {
    let mut oids = BTreeSet::new();
    for (schema, name) in names {
        let row = client
            .query_one(
                "SELECT to_regclass(CASE WHEN $1 = '' THEN quote_ident($2) \
                 ELSE quote_ident($1) || '.' || quote_ident($2) END)::oid::int8",
                &[schema, name],
            )
            .await
            .map_err(db_error("looking up a touched table"))?;
        if let Some(oid) = row.get::<_, Option<i64>>(0) {
            oids.insert(oid as u32);
        }
    }
    Ok(oids)
}

async fn names_of(client: &Client, oids: &BTreeSet<u32>) -> Result<Vec<String>> {
    let oids: Vec<i64> = oids.iter().map(|&o| i64::from(o)).collect();
    let rows = client
        .query(
            "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.oid = ANY($1::int8[]::oid[]) ORDER BY 1",
            &[&oids],
        )
        .await
        .map_err(db_error("reading the touched tables"))?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Every table with rows but the touched ones and schemagate's own (the history, the run
/// log: a restore needs them), as `pg_dump` patterns (quoted identifiers match literally).
async fn other_tables(client: &Client, touched: &BTreeSet<u32>) -> Result<Vec<String>> {
    let oids: Vec<i64> = touched.iter().map(|&o| i64::from(o)).collect();
    let own = vec![
        crate::history::HISTORY_TABLE.to_string(),
        crate::runs::RUNS_TABLE.to_string(),
    ];
    let rows = client
        .query(
            "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('r', 'p', 'm') \
               AND n.nspname NOT IN ('pg_catalog', 'information_schema') \
               AND n.nspname NOT LIKE 'pg\\_%' \
               AND c.oid <> ALL($1::int8[]::oid[]) \
               AND c.relname <> ALL($2::text[]) ORDER BY 1",
            &[&oids, &own],
        )
        .await
        .map_err(db_error("listing the tables"))?;
    // format('%I.%I') is a pg_dump pattern as it is: quoted parts match literally, unquoted
    // ones are lowercase letters, digits, `_` and `$` (which pg_dump reads literally too).
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_scopes() {
        assert_eq!(Scope::full().describe(), "full");
        let s = Scope::Touched {
            tables: vec!["public.a".into()],
            excluded: vec![],
        };
        assert_eq!(s.describe(), "touched: the schema and the rows of public.a");
        assert_eq!(ScopeSetting::parse("touched"), Ok(ScopeSetting::Touched));
        assert!(ScopeSetting::parse("some").is_err());
    }
}
