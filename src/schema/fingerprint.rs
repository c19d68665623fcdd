//! A fingerprint of exactly the catalog rows that verification reads, so that a deploy with
//! nothing pending can tell in one short query that the schema is unchanged since it was last
//! verified, instead of reading and comparing the whole schema on every start.
//!
//! The fingerprint hashes, on the server, the columns behind every fact [`crate::verify`]
//! compares: schema, table and index names, relation kinds, column names, type oids and
//! typmods, `NOT NULL`, dropped columns, type names (what `format_type` prints), whether an
//! index is valid, enum labels,
//! plus the `search_path` and role that decide how `format_type` qualifies a name, and the
//! server version. Any DDL that could change a verification result changes one of those rows.
//! Objects created by `initdb` (oid below 16384) are left out: they cannot be altered without
//! `allow_system_table_mods`, and leaving them out halves the rows hashed.
//!
//! Each row is hashed with PostgreSQL's 64-bit `hash*extended` functions and summed per catalog
//! (order-free, no text building), so a single changed row goes unnoticed with a probability
//! of about 2^-64. [`verified_key`] folds the fingerprint together with the expected file's
//! bytes and schemagate's version: equal keys mean the same comparison of the same inputs.
//! Deciding when to trust a stored key is left to [`crate::verify::gate`].

use siphasher::sip128::{Hasher128, SipHasher13};
use std::hash::Hasher;
use tokio_postgres::GenericClient;

/// The fingerprint as one SQL expression of type `text`; [`introspect`] selects it in the same
/// statement as the schema, so both come from one snapshot.
///
/// [`introspect`]: super::introspect::introspect_with_fingerprint
macro_rules! fingerprint_expr {
    () => {
        r#"concat_ws(' ',
  (SELECT sum(hashoidextended(oid, 1) # hashtextextended(nspname::text, 2))
     FROM pg_catalog.pg_namespace),
  (SELECT sum(hashoidextended(oid, relnamespace::int8) # hashtextextended(relname::text, ascii(relkind)))
     FROM pg_catalog.pg_class WHERE oid >= 16384),
  (SELECT sum(hashoidextended(attrelid, attnum) # hashtextextended(attname::text, atttypmod)
              # hashoidextended(atttypid, attnotnull::int4 * 2 + attisdropped::int4))
     FROM pg_catalog.pg_attribute WHERE attrelid >= 16384 AND attnum > 0),
  (SELECT sum(hashoidextended(oid, typnamespace::int8) # hashtextextended(typname::text, 3))
     FROM pg_catalog.pg_type WHERE oid >= 16384),
  (SELECT sum(hashoidextended(indexrelid, indrelid::int8)
              # hashint4extended(indisvalid::int4 * 2 + indisready::int4, 6))
     FROM pg_catalog.pg_index WHERE indexrelid >= 16384),
  (SELECT sum(hashoidextended(enumtypid, 4) # hashtextextended(enumlabel::text, 5)) FROM pg_catalog.pg_enum),
  current_setting('server_version_num'), current_user, current_setting('search_path'))"#
    };
}
pub(crate) use fingerprint_expr;

const FINGERPRINT_SQL: &str = concat!("SELECT ", fingerprint_expr!());

/// The catalog fingerprint, as an opaque string.
pub async fn fingerprint(client: &impl GenericClient) -> Result<String, tokio_postgres::Error> {
    let row = client.query_typed_one(FINGERPRINT_SQL, &[]).await?;
    Ok(row.get(0))
}

/// A clean verification as the runs table remembers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// [`verified_key`] of the verified catalog and expected file.
    pub key: String,
    /// The warnings it printed (unmanaged objects), printed again when it is reused.
    pub warnings: Vec<String>,
}

/// The key under which a clean verification is remembered: the catalog `fingerprint`, the
/// expected file's exact bytes, and this build's version (the comparison rules may change
/// between versions).
pub fn verified_key(fingerprint: &str, expected_file: &[u8]) -> String {
    let mut hasher = SipHasher13::new();
    for part in [
        env!("CARGO_PKG_VERSION").as_bytes(),
        fingerprint.as_bytes(),
        expected_file,
    ] {
        hasher.write_usize(part.len());
        hasher.write(part);
    }
    format!("v1:{:032x}", hasher.finish128().as_u128())
}

#[cfg(test)]
mod tests {
    use super::verified_key;

    #[test]
    fn the_key_changes_with_either_input() {
        let base = verified_key("1 2 3", b"[tables.a]");
        assert_eq!(base, verified_key("1 2 3", b"[tables.a]"));
        assert_ne!(base, verified_key("1 2 4", b"[tables.a]"));
        assert_ne!(base, verified_key("1 2 3", b"[tables.b]"));
        // Lengths are hashed, so moving bytes from one part to the other changes the key.
        assert_ne!(verified_key("ab", b"c"), verified_key("a", b"bc"));
    }
}
