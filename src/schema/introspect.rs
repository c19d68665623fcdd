//! Reads a [`Schema`] from `pg_catalog` in one round trip.
//!
//! `information_schema` is avoided: its views re-check privileges row by row and are slow on
//! big catalogs. Every object kind comes back from a single `UNION ALL` query as uniform rows,
//! so the cost is one round trip whatever the size of the database. It takes any
//! [`GenericClient`], so inside a deploy it runs on the migration transaction and sees the
//! uncommitted schema. [`introspect_with_fingerprint`] adds the catalog fingerprint to the same
//! statement, so the two describe one snapshot.

use tokio_postgres::GenericClient;

use super::fingerprint::fingerprint_expr;
use super::{Column, QualifiedName, Schema, Table};

/// Every object in the non-system schemas, one row per table, view, sequence, column, index,
/// constraint and enum label. Columns: kind, schema, relation, item, type, not null (for an
/// index: valid and ready), default, enum sort order.
///
/// A column's type is `format_type`'s spelling with the schema written the same way whatever
/// the `search_path`: `format_type` leaves out the schema of a type visible on the session's
/// path, so a snapshot of a scratch database wrote `billing.mood` and a database whose
/// `search_path` starts with `billing` read `mood`. Here types in `pg_catalog` and `public` are
/// unqualified and every other schema is named, as tables are in the expected file.
///
/// Defaults are deparsed with relation 0: `pg_get_expr` with a real relation opens it and
/// takes an AccessShareLock on every table (held until the deploy transaction ends, and four
/// times slower on 2,000 tables). A plain default cannot refer to columns, so it needs no
/// relation; only generated columns, whose expressions do, get theirs.
macro_rules! introspect_sql {
    () => {
        r#"
WITH ns AS (
    SELECT oid, nspname FROM pg_catalog.pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema')
      AND nspname NOT LIKE 'pg\_toast%' AND nspname NOT LIKE 'pg\_temp%'
)
SELECT 'r'::text, ns.nspname::text, c.relname::text, c.relkind::text,
       NULL::text, false, NULL::text, 0::float4
FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')
UNION ALL
SELECT 'c', ns.nspname, c.relname, a.attname,
       CASE WHEN tn.nspname = 'pg_catalog' THEN
                CASE WHEN f.t LIKE 'pg\_catalog.%' THEN substr(f.t, 12) ELSE f.t END
            ELSE CASE WHEN tn.nspname = 'public' THEN '' ELSE pg_catalog.quote_ident(tn.nspname) || '.' END
                 || CASE WHEN pg_catalog.pg_type_is_visible(t.oid) THEN f.t
                         ELSE substr(f.t, length(pg_catalog.quote_ident(tn.nspname)) + 2) END
       END, a.attnotnull,
       CASE WHEN a.attgenerated = '' THEN pg_catalog.pg_get_expr(d.adbin, 0)
            ELSE pg_catalog.pg_get_expr(d.adbin, d.adrelid) END, 0
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN ns ON ns.oid = c.relnamespace
JOIN pg_catalog.pg_type at ON at.oid = a.atttypid
-- The element of an array type: format_type qualifies `mood[]` as it qualifies `mood`.
JOIN pg_catalog.pg_type t ON t.oid = CASE WHEN at.typtype = 'b' AND at.typelem <> 0 AND at.typlen = -1
                                          THEN at.typelem ELSE at.oid END
JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
CROSS JOIN LATERAL (SELECT pg_catalog.format_type(a.atttypid, a.atttypmod) AS t) f
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'i', ns.nspname, c.relname, ic.relname, NULL, i.indisvalid AND i.indisready, NULL, 0
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
UNION ALL
SELECT 'k', ns.nspname, c.relname, con.conname, NULL, false, NULL, 0
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p')
UNION ALL
SELECT 'e', ns.nspname, t.typname, e.enumlabel, NULL, false, NULL, e.enumsortorder
FROM pg_catalog.pg_enum e
JOIN pg_catalog.pg_type t ON t.oid = e.enumtypid
JOIN ns ON ns.oid = t.typnamespace
UNION ALL
SELECT 'p', s::text, '', '', NULL, false, NULL, 0
FROM pg_catalog.unnest(pg_catalog.current_schemas(false)) s
"#
    };
}

const INTROSPECT_SQL: &str = introspect_sql!();

/// The same rows, and one more (kind `f`) carrying the catalog fingerprint.
const INTROSPECT_WITH_FINGERPRINT_SQL: &str = concat!(
    introspect_sql!(),
    "UNION ALL\nSELECT 'f', '', '', ",
    fingerprint_expr!(),
    ", NULL, false, NULL, 0\n"
);

/// Reads every table, column, index, constraint, enum, view and sequence outside the system
/// schemas (`pg_catalog`, `information_schema`, `pg_toast*`, `pg_temp*`).
pub async fn introspect(client: &impl GenericClient) -> Result<Schema, tokio_postgres::Error> {
    // Unprepared: one round trip instead of two, on every deploy.
    let rows = client.query_typed(INTROSPECT_SQL, &[]).await?;
    Ok(schema_from_rows(&rows).0)
}

/// [`introspect`], and the [`fingerprint`](super::fingerprint) of the catalog it read, taken
/// in the same statement: a verification of this schema may be remembered under it.
pub async fn introspect_with_fingerprint(
    client: &impl GenericClient,
) -> Result<(Schema, String), tokio_postgres::Error> {
    let rows = client
        .query_typed(INTROSPECT_WITH_FINGERPRINT_SQL, &[])
        .await?;
    Ok(schema_from_rows(&rows))
}

fn schema_from_rows(rows: &[tokio_postgres::Row]) -> (Schema, String) {
    let mut schema = Schema::default();
    let mut fingerprint = String::new();
    let mut enum_labels: Vec<(QualifiedName, f32, String)> = Vec::new();
    // Relations come first in the UNION, but PostgreSQL does not promise the order of a
    // UNION ALL, so columns and indexes create their table entry if needed.
    for row in rows {
        let kind: &str = row.get(0);
        if kind == "f" {
            fingerprint = row.get(3);
            continue;
        }
        let name = QualifiedName::new(row.get::<_, &str>(1), row.get::<_, &str>(2));
        let item: String = row.get(3);
        match kind {
            "r" => match item.as_str() {
                "r" | "p" => {
                    schema.tables.entry(name).or_default();
                }
                "v" | "m" => {
                    schema.views.insert(name);
                }
                _ => {
                    schema.sequences.insert(name);
                }
            },
            "c" => {
                let column = Column {
                    data_type: row.get(4),
                    not_null: row.get(5),
                    default: row.get(6),
                };
                table_mut(&mut schema, name).columns.insert(item, column);
            }
            "i" => {
                let table = table_mut(&mut schema, name);
                // A failed `CREATE INDEX CONCURRENTLY` leaves the index behind, INVALID: it
                // exists, and enforces nothing.
                if !row.get::<_, bool>(5) {
                    table.invalid_indexes.insert(item.clone());
                }
                table.indexes.insert(item);
            }
            "k" => {
                table_mut(&mut schema, name).constraints.insert(item);
            }
            "p" => {
                schema.search_path.insert(name.schema);
            }
            _ => enum_labels.push((name, row.get(7), item)),
        }
    }
    enum_labels.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    for (name, _, label) in enum_labels {
        schema.enums.entry(name).or_default().push(label);
    }
    (schema, fingerprint)
}

fn table_mut(schema: &mut Schema, name: QualifiedName) -> &mut Table {
    schema.tables.entry(name).or_default()
}
