//! The plain data model of a live database schema: tables with their columns, indexes and
//! constraints, enum types, views and sequences, keyed by schema-qualified names.
//!
//! Reading it from a database lives in [`introspect`]; the committed `expected_schema.toml`
//! file lives in [`expected`] (and, as a command holds it, [`expected_file`]); comparing the
//! two lives in [`crate::verify`].

pub mod expected;
pub mod expected_file;
pub mod fingerprint;
pub mod introspect;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

pub use expected::{ColumnSpec, ExpectedEnum, ExpectedError, ExpectedSchema, ExpectedTable};
pub use expected_file::ExpectedFile;
pub use introspect::{introspect, introspect_with_fingerprint};

/// The objects of a database that schemagate verifies, in every non-system schema.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    /// Ordinary and partitioned tables.
    pub tables: BTreeMap<QualifiedName, Table>,
    /// Enum types with their labels in declaration order.
    pub enums: BTreeMap<QualifiedName, Vec<String>>,
    /// Views and materialized views.
    pub views: BTreeSet<QualifiedName>,
    /// Sequences, including those behind `serial` and identity columns.
    pub sequences: BTreeSet<QualifiedName>,
    /// The schemas of the session's `search_path` that exist (`current_schemas(false)`): an
    /// expected file written before types carried their schema says `vector(1536)` for
    /// `extensions.vector(1536)`, which is what the name resolves to there.
    pub search_path: BTreeSet<String>,
}

/// A table's columns, index names and constraint names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    /// Columns by name.
    pub columns: BTreeMap<String, Column>,
    /// Names of the indexes on the table (including those backing constraints).
    pub indexes: BTreeSet<String>,
    /// Those of `indexes` that are not valid and ready (a failed concurrent build left them).
    pub invalid_indexes: BTreeSet<String>,
    /// Names of the table's constraints (primary key, unique, foreign key, check, exclusion).
    pub constraints: BTreeSet<String>,
}

/// One column as PostgreSQL describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The type in `format_type` spelling, e.g. `character varying(255)`.
    pub data_type: String,
    /// Whether the column is `NOT NULL`.
    pub not_null: bool,
    /// The default expression as `pg_get_expr` prints it, if any.
    pub default: Option<String>,
}

/// A schema-qualified object name. Displays as `name` in `public`, else `schema.name`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QualifiedName {
    /// The schema (namespace), e.g. `public` or `billing`.
    pub schema: String,
    /// The object's name within its schema.
    pub name: String,
}

impl QualifiedName {
    /// Builds a name from its two parts.
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        Self {
            schema: schema.into(),
            name: name.into(),
        }
    }

    /// Parses `users` (schema `public`) or `billing.invoices`; the first dot splits, unless the
    /// schema is double-quoted: `"my.schema".invoices` (a schema whose name has a dot, as
    /// [`Display`](fmt::Display) writes it).
    pub fn parse(text: &str) -> Self {
        if let Some((schema, rest)) = quoted_prefix(text)
            && let Some(name) = rest.strip_prefix('.')
        {
            return Self::new(schema, name);
        }
        match text.split_once('.') {
            Some((schema, name)) => Self::new(schema, name),
            None => Self::new("public", text),
        }
    }
}

/// A leading double-quoted identifier (`""` is a quote inside it) and the text after it.
fn quoted_prefix(text: &str) -> Option<(String, &str)> {
    let body = text.strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '"' {
            out.push(c);
        } else if chars.peek().is_some_and(|&(_, next)| next == '"') {
            chars.next();
            out.push('"');
        } else {
            return Some((out, &body[i + 1..]));
        }
    }
    None
}

impl QualifiedName {
    /// The name as SQL, `schema.name`, each part double-quoted unless it is a plain lower-case
    /// identifier, for statements a message suggests.
    pub fn sql(&self) -> String {
        fn ident(part: &str) -> String {
            let plain = part
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
            if plain {
                part.to_string()
            } else {
                format!("\"{}\"", part.replace('"', "\"\""))
            }
        }
        format!("{}.{}", ident(&self.schema), ident(&self.name))
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A public name containing a dot keeps its schema, so that parsing it back
        // (which splits at the first dot) gives the same name.
        if self.schema == "public" && !self.name.contains('.') {
            f.write_str(&self.name)
        } else if self.schema.contains('.') || self.schema.starts_with('"') {
            // Quoted, or parsing it back would split inside the schema's name.
            write!(f, "\"{}\".{}", self.schema.replace('"', "\"\""), self.name)
        } else {
            write!(f, "{}.{}", self.schema, self.name)
        }
    }
}

impl From<&str> for QualifiedName {
    fn from(text: &str) -> Self {
        Self::parse(text)
    }
}

impl serde::Serialize for QualifiedName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::QualifiedName;

    #[test]
    fn qualified_names_round_trip() {
        for text in ["users", "billing.invoices", "public.a.b", "\"my.schema\".t"] {
            assert_eq!(QualifiedName::parse(text).to_string(), text);
        }
        assert_eq!(
            QualifiedName::parse("\"my.schema\".t"),
            QualifiedName::new("my.schema", "t")
        );
        assert_eq!(
            QualifiedName::parse(&QualifiedName::new("a\"b.c", "t.u").to_string()),
            QualifiedName::new("a\"b.c", "t.u")
        );
        assert_eq!(QualifiedName::parse("public.users").to_string(), "users");
    }
}
