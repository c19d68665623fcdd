//! The expected schema file, `migrations/expected_schema.toml`: loading it (with the file and
//! line of every mistake), writing it from a live [`Schema`] (`snapshot`), and normalising type
//! names to PostgreSQL's `format_type` spelling so that `int8` and `bigint` compare equal.
//!
//! Comparing the file with a database is left to [`crate::verify`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use super::{QualifiedName, Schema};

/// The requirements read from `expected_schema.toml`; every entry must hold in the database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpectedSchema {
    /// The last migration version the file reflects, as written by `snapshot`.
    pub version: Option<i32>,
    /// Required tables.
    pub tables: BTreeMap<QualifiedName, ExpectedTable>,
    /// Required enum types.
    pub enums: BTreeMap<QualifiedName, ExpectedEnum>,
}

/// A required table: the columns it must have and the indexes that must exist on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpectedTable {
    /// Required columns by name.
    pub columns: BTreeMap<String, ColumnSpec>,
    /// Required index names.
    pub indexes: BTreeSet<String>,
}

/// A required enum type and the labels it must have.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExpectedEnum {
    /// Required labels (order is not checked).
    pub values: Vec<String>,
}

/// One column spec: `"*"`, `"TYPE"`, `"TYPE not null"` or `"TYPE null"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnSpec {
    /// `"*"`: the column exists, with any type.
    Any,
    /// A checked type, and optionally a checked nullability.
    Typed {
        /// The type, already normalised by [`normalize_type`].
        data_type: String,
        /// `Some(true)` for `not null`, `Some(false)` for `null`, `None` when not checked.
        not_null: Option<bool>,
    },
}

impl std::fmt::Display for ColumnSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ColumnSpec::Any => f.write_str("*"),
            ColumnSpec::Typed {
                data_type,
                not_null: None,
            } => f.write_str(data_type),
            ColumnSpec::Typed {
                data_type,
                not_null: Some(true),
            } => write!(f, "{data_type} not null"),
            ColumnSpec::Typed {
                data_type,
                not_null: Some(false),
            } => write!(f, "{data_type} null"),
        }
    }
}

impl serde::Serialize for ColumnSpec {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why the expected schema file could not be loaded. Displays as `file:line: cause`, the
/// way compilers and `lint` name a place, so an editor can jump to it.
#[derive(Debug, thiserror::Error)]
pub enum ExpectedError {
    /// The file exists but could not be read.
    #[error("{}: cannot read the expected schema file: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file is not UTF-8 text.
    #[error("{}:{line}: not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// The 1-based line of the first invalid byte.
        line: usize,
        /// The offset of the first invalid byte.
        offset: usize,
    },
    /// The file is not valid TOML, or a value in it makes no sense.
    #[error("{}:{line}: malformed expected schema: {cause}", path.display())]
    Malformed {
        /// The file.
        path: PathBuf,
        /// The 1-based line of the offending value.
        line: usize,
        /// What is wrong.
        cause: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: Option<i32>,
    #[serde(default)]
    tables: BTreeMap<String, Spanned<RawTable>>,
    #[serde(default)]
    enums: BTreeMap<String, Spanned<RawEnum>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    columns: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    indexes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEnum {
    values: Vec<String>,
}

/// Loads the expected schema file; `Ok(None)` when it does not exist.
pub fn load(path: &Path) -> Result<Option<ExpectedSchema>, ExpectedError> {
    read(path)?
        .map(|bytes| parse_bytes(path, &bytes))
        .transpose()
}

/// The file's bytes; `Ok(None)` when it does not exist. [`parse_bytes`] makes sense of them.
pub fn read(path: &Path) -> Result<Option<Vec<u8>>, ExpectedError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(ExpectedError::Read {
            path: path.to_owned(),
            source,
        }),
    }
}

/// Parses the bytes of the file at `path` (named in errors, with the line).
pub fn parse_bytes(path: &Path, bytes: &[u8]) -> Result<ExpectedSchema, ExpectedError> {
    let text = std::str::from_utf8(bytes).map_err(|error| ExpectedError::NotUtf8 {
        path: path.to_owned(),
        line: crate::text::line_of(bytes, error.valid_up_to()),
        offset: error.valid_up_to(),
    })?;
    parse(text).map_err(|(offset, cause)| ExpectedError::Malformed {
        path: path.to_owned(),
        line: crate::text::line_of(text.as_bytes(), offset),
        cause,
    })
}

/// Parses the file's text; an error carries the byte offset of the offending value.
fn parse(text: &str) -> Result<ExpectedSchema, (usize, String)> {
    // A file that requires nothing would pass every verification. Zero bytes is what a
    // truncated checkout or a failed redirect leaves, not a decision; `snapshot` writes a
    // comment even when there is nothing to require.
    if text.trim().is_empty() {
        return Err((
            0,
            "the file is empty; write it with `schemagate snapshot` (a file with only comments \
             requires nothing)"
                .to_owned(),
        ));
    }
    let raw: RawFile = toml::from_str(text).map_err(|error| {
        let offset = error.span().map_or(0, |span| span.start);
        // toml's messages continue on a second line ("expected `.`, `]`"); one line reads
        // better after `file:line:`.
        let message = error
            .message()
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join(": ");
        (offset, message)
    })?;
    let mut expected = ExpectedSchema {
        version: raw.version,
        ..ExpectedSchema::default()
    };
    // A file has thousands of columns but a few dozen distinct specs; parsing each once keeps
    // loading the file cheap on the every-deploy path.
    let mut specs: std::collections::HashMap<String, Option<ColumnSpec>> = Default::default();
    for (key, table) in raw.tables {
        let offset = table.span().start;
        let name = parse_name(&key).ok_or((offset, bad_name("table", &key)))?;
        let table = table.into_inner();
        let mut columns = BTreeMap::new();
        for (column, spec) in table.columns {
            if !is_identifier(&column) {
                return Err((spec.span().start, bad_name("column", &column)));
            }
            let parsed = specs
                .entry(spec.get_ref().clone())
                .or_insert_with(|| parse_column_spec(spec.get_ref()))
                .clone();
            let parsed = parsed.ok_or_else(|| {
                (
                    spec.span().start,
                    format!(
                        "bad column spec {:?} for {name}.{column}: expected \"*\", \"TYPE\", \
                         \"TYPE not null\" or \"TYPE null\"",
                        spec.get_ref()
                    ),
                )
            })?;
            columns.insert(column, parsed);
        }
        if let Some(index) = table.indexes.iter().find(|index| !is_identifier(index)) {
            return Err((offset, bad_name("index", index)));
        }
        let indexes = table.indexes.into_iter().collect();
        expected
            .tables
            .insert(name, ExpectedTable { columns, indexes });
    }
    for (key, values) in raw.enums {
        let offset = values.span().start;
        let name = parse_name(&key).ok_or((offset, bad_name("enum", &key)))?;
        expected.enums.insert(
            name,
            ExpectedEnum {
                values: values.into_inner().values,
            },
        );
    }
    Ok(expected)
}

fn parse_name(key: &str) -> Option<QualifiedName> {
    let name = QualifiedName::parse(key);
    (is_identifier(&name.schema) && is_identifier(&name.name)).then_some(name)
}

/// PostgreSQL's identifier limit (NAMEDATALEN - 1): a longer name is truncated on creation,
/// so a requirement spelled longer could never be met and would fail every verification.
const MAX_IDENTIFIER_BYTES: usize = 63;

/// A name PostgreSQL can have: 1 to 63 bytes, no NUL (anything else can be quoted).
fn is_identifier(name: &str) -> bool {
    !name.is_empty() && name.len() <= MAX_IDENTIFIER_BYTES && !name.contains('\0')
}

fn bad_name(kind: &str, name: &str) -> String {
    format!(
        "bad {kind} name {name:?}: a PostgreSQL name (each part of schema.name) is 1 to \
         {MAX_IDENTIFIER_BYTES} bytes, without NUL"
    )
}

/// Parses `"*"`, `"TYPE"`, `"TYPE not null"` or `"TYPE null"`; `None` if it is none of them.
pub fn parse_column_spec(spec: &str) -> Option<ColumnSpec> {
    let words: Vec<String> = spec
        .split_whitespace()
        .map(str::to_ascii_lowercase)
        .collect();
    if words.len() == 1 && words[0] == "*" {
        return Some(ColumnSpec::Any);
    }
    let (type_words, not_null) = match words.as_slice() {
        [rest @ .., not, null] if not == "not" && null == "null" => (rest, Some(true)),
        [rest @ .., null] if null == "null" => (rest, Some(false)),
        all => (all, None),
    };
    if type_words.is_empty() {
        return None;
    }
    let data_type = normalize_type(&spec_type_text(spec, type_words.len()));
    is_plausible_type(&data_type).then_some(ColumnSpec::Typed {
        data_type,
        not_null,
    })
}

/// The first `count` whitespace-separated words of `spec`, joined by single spaces, with
/// their original case (quoted type names keep it).
fn spec_type_text(spec: &str, count: usize) -> String {
    spec.split_whitespace()
        .take(count)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Multi-word type names PostgreSQL prints; any other type must be one word, so that a typo
/// such as `"bigint nul"` is an error rather than a type nobody has.
const MULTI_WORD_TYPES: &[&str] = &[
    "double precision",
    "character varying",
    "bit varying",
    "timestamp with time zone",
    "timestamp without time zone",
    "time with time zone",
    "time without time zone",
];

fn is_plausible_type(normalized: &str) -> bool {
    let base = normalized.trim_end_matches("[]");
    let without_modifier = match (base.find('('), base.rfind(')')) {
        (Some(open), Some(close)) if open < close => {
            format!("{}{}", &base[..open], &base[close + 1..])
        }
        (None, None) => base.to_owned(),
        _ => return false,
    };
    let words = without_modifier.trim();
    !words.is_empty()
        && (!words.contains(' ')
            || words.contains('"')
            || words.starts_with("interval ")
            || MULTI_WORD_TYPES.contains(&words))
}

/// Normalises a type name to PostgreSQL's `format_type` spelling: `int8` becomes `bigint`,
/// `public.mood` becomes `mood`,
/// `varchar(255)` becomes `character varying(255)`, `timestamptz(3)` becomes
/// `timestamp(3) with time zone`, `_text` and `text[][]` become `text[]`. Case and spacing do
/// not matter; names it does not know are lowercased and trimmed.
pub fn normalize_type(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    // PostgreSQL folds unquoted names to lower case and keeps quoted ones. Deciding for the
    // whole text at once was not idempotent: `A["]` kept its `A`, lost the `["]`, and was
    // lowercased on the next pass.
    let mut quoted = false;
    let text: String = text
        .chars()
        .map(|c| {
            if c == '"' {
                quoted = !quoted;
            }
            if quoted { c } else { c.to_ascii_lowercase() }
        })
        .collect();
    let mut text = text
        .replace(" (", "(")
        .replace("( ", "(")
        .replace(" )", ")");
    text = text.replace(", ", ",").replace(" ,", ",");
    text = without_default_schema(text);
    // Arrays: format_type prints one `[]` whatever the number of dimensions.
    let mut array = false;
    while let Some(open) = text.rfind('[') {
        if !text.ends_with(']') {
            break;
        }
        text.truncate(open);
        text = text.trim_end().to_owned();
        array = true;
    }
    // `_int4` is PostgreSQL's internal name of `integer[]`; but `_t[]` is an array of a type
    // named `_t` (format_type prints it so), and `__t`, written back as `_t[]`, must stay that.
    if !array && let Some(element) = text.strip_prefix('_') {
        text = without_default_schema(element.trim_start().to_owned());
        array = true;
    }
    // Split `name(args) rest` into the name words and the modifier.
    let (name, args) = match (text.find('('), text.find(')')) {
        (Some(open), Some(close)) if open < close => {
            let name = format!("{} {}", text[..open].trim(), text[close + 1..].trim());
            (
                name.trim().to_owned(),
                Some(text[open + 1..close].to_owned()),
            )
        }
        _ => (text.clone(), None),
    };
    let args = args.map(|a| format!("({a})")).unwrap_or_default();
    let base = match name.as_str() {
        "int" | "int4" | "integer" | "serial" | "serial4" => "integer".to_owned(),
        "int8" | "bigint" | "bigserial" | "serial8" => "bigint".to_owned(),
        "int2" | "smallint" | "smallserial" | "serial2" => "smallint".to_owned(),
        "bool" | "boolean" => "boolean".to_owned(),
        "float8" | "double precision" => "double precision".to_owned(),
        "float4" | "real" => "real".to_owned(),
        "float" => match args.trim_matches(['(', ')']).parse::<u32>() {
            Ok(precision) if precision <= 24 => "real".to_owned(),
            _ => "double precision".to_owned(),
        },
        "varchar" | "character varying" | "char varying" => format!("character varying{args}"),
        "bpchar" if args.is_empty() => "bpchar".to_owned(),
        "char" | "character" if args.is_empty() => "character(1)".to_owned(),
        "char" | "character" | "bpchar" => format!("character{args}"),
        "varbit" | "bit varying" => format!("bit varying{args}"),
        "bit" if args.is_empty() => "bit(1)".to_owned(),
        "timestamptz" | "timestamp with time zone" => format!("timestamp{args} with time zone"),
        "timestamp" | "timestamp without time zone" => {
            format!("timestamp{args} without time zone")
        }
        "timetz" | "time with time zone" => format!("time{args} with time zone"),
        "time" | "time without time zone" => format!("time{args} without time zone"),
        "decimal" | "numeric" => format!("numeric{args}"),
        // A name it does not know stays as written: moving its modifier to the end
        // (`a(1) b` to `a b(1)`) gave another text on every pass.
        _ => text.clone(),
    };
    if array { format!("{base}[]") } else { base }
}

/// `public.mood` is `mood`, as a table in `public` is written unqualified (and as the
/// database's side is read); `pg_catalog.int8` is `int8`. Other schemas stay named.
fn without_default_schema(mut text: String) -> String {
    while let Some(rest) = ["public.", "\"public\".", "pg_catalog.", "\"pg_catalog\"."]
        .iter()
        .find_map(|schema| text.strip_prefix(schema))
    {
        text = rest.trim_start().to_owned();
    }
    text
}

impl ExpectedSchema {
    /// Builds the file's content from a live schema (`snapshot`): every table except those in
    /// `skip` (the history and runs tables), with every column's type and nullability, every
    /// index, and every enum.
    pub fn from_schema(schema: &Schema, version: Option<i32>, skip: &[QualifiedName]) -> Self {
        let tables = schema
            .tables
            .iter()
            .filter(|(name, _)| !skip.contains(name))
            .map(|(name, table)| {
                let columns = table
                    .columns
                    .iter()
                    .map(|(column, live)| {
                        let spec = ColumnSpec::Typed {
                            data_type: normalize_type(&live.data_type),
                            not_null: Some(live.not_null),
                        };
                        (column.clone(), spec)
                    })
                    .collect();
                let expected = ExpectedTable {
                    columns,
                    indexes: table.indexes.clone(),
                };
                (name.clone(), expected)
            })
            .collect();
        let enums = schema
            .enums
            .iter()
            .map(|(name, values)| {
                let values = values.clone();
                (name.clone(), ExpectedEnum { values })
            })
            .collect();
        ExpectedSchema {
            version,
            tables,
            enums,
        }
    }

    /// Writes the file: sorted, one section per table and enum, columns inline, so that a
    /// change to the schema is a small diff.
    pub fn to_toml(&self) -> String {
        let mut out = String::new();
        if let Some(version) = self.version {
            let _ = writeln!(
                out,
                "version = {version}   # the last migration this file reflects"
            );
        }
        for (name, table) in &self.tables {
            let _ = writeln!(out, "\n[tables.{}]", toml_key(&name.to_string()));
            let columns: Vec<String> = table
                .columns
                .iter()
                .map(|(column, spec)| {
                    format!("{} = {}", toml_key(column), toml_string(&spec.to_string()))
                })
                .collect();
            if columns.is_empty() {
                out.push_str("columns = {}\n");
            } else {
                let _ = writeln!(out, "columns = {{ {} }}", columns.join(", "));
            }
            if !table.indexes.is_empty() {
                let _ = writeln!(out, "indexes = {}", toml_array(table.indexes.iter()));
            }
        }
        for (name, values) in &self.enums {
            let _ = writeln!(out, "\n[enums.{}]", toml_key(&name.to_string()));
            let _ = writeln!(out, "values = {}", toml_array(values.values.iter()));
        }
        if out.starts_with('\n') {
            out.remove(0);
        }
        if out.is_empty() {
            // An empty file is refused on loading, as a likely accident.
            out.push_str("# no tables or enums: nothing is required yet\n");
        }
        out
    }
}

fn toml_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare {
        key.to_owned()
    } else {
        toml_string(key)
    }
}

fn toml_array<'a>(items: impl Iterator<Item = &'a String>) -> String {
    let items: Vec<String> = items.map(|item| toml_string(item)).collect();
    format!("[{}]", items.join(", "))
}

/// A TOML basic string, escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_normalise_to_format_type_spelling() {
        let cases = [
            ("varchar(255)", "character varying(255)"),
            ("VARCHAR ( 255 )", "character varying(255)"),
            ("varchar", "character varying"),
            ("character varying(10)", "character varying(10)"),
            ("char(3)", "character(3)"),
            ("char", "character(1)"),
            ("int", "integer"),
            ("int4", "integer"),
            ("serial", "integer"),
            ("int8", "bigint"),
            ("bigserial", "bigint"),
            ("int2", "smallint"),
            ("smallserial", "smallint"),
            ("bool", "boolean"),
            ("float8", "double precision"),
            ("float", "double precision"),
            ("float(10)", "real"),
            ("float4", "real"),
            ("timestamptz", "timestamp with time zone"),
            ("timestamp", "timestamp without time zone"),
            ("timestamp(3)", "timestamp(3) without time zone"),
            ("timestamptz(3)", "timestamp(3) with time zone"),
            ("timestamp(3) with time zone", "timestamp(3) with time zone"),
            ("time", "time without time zone"),
            ("timetz", "time with time zone"),
            ("numeric(10, 2)", "numeric(10,2)"),
            ("decimal(10,2)", "numeric(10,2)"),
            ("text[]", "text[]"),
            ("_text", "text[]"),
            ("int[][]", "integer[]"),
            ("_int4", "integer[]"),
            ("uuid", "uuid"),
            ("JSONB", "jsonb"),
            ("  Text  ", "text"),
            ("billing.cycle", "billing.cycle"),
            ("public.mood", "mood"),
            ("\"public\".mood[]", "mood[]"),
            ("pg_catalog.int8", "bigint"),
            ("\"my.schema\".mood", "\"my.schema\".mood"),
            ("\"MyType\"", "\"MyType\""),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_type(input), expected, "normalising {input:?}");
            assert_eq!(
                normalize_type(expected),
                expected,
                "idempotent on {expected:?}"
            );
        }
    }

    #[test]
    fn column_specs_parse() {
        assert_eq!(parse_column_spec("*"), Some(ColumnSpec::Any));
        assert_eq!(
            parse_column_spec("int8 NOT NULL"),
            Some(ColumnSpec::Typed {
                data_type: "bigint".into(),
                not_null: Some(true)
            })
        );
        assert_eq!(
            parse_column_spec("timestamptz null"),
            Some(ColumnSpec::Typed {
                data_type: "timestamp with time zone".into(),
                not_null: Some(false)
            })
        );
        assert_eq!(
            parse_column_spec("double precision"),
            Some(ColumnSpec::Typed {
                data_type: "double precision".into(),
                not_null: None
            })
        );
        assert_eq!(
            parse_column_spec("billing.\"My Type\" not null"),
            Some(ColumnSpec::Typed {
                data_type: "billing.\"My Type\"".into(),
                not_null: Some(true)
            })
        );
        for bad in [
            "bigint nul",
            "",
            "not null",
            "null",
            "text not nul",
            "numeric(10",
        ] {
            assert_eq!(parse_column_spec(bad), None, "{bad:?} should be refused");
        }
    }

    mod properties {
        //! The parser of a hand-written file never panics and always names a line; what it
        //! accepts, `snapshot` writes back to the same requirements; type names normalise once.

        use super::*;
        use proptest::prelude::*;

        fn lines_in(text: &[u8]) -> usize {
            text.iter().filter(|&&b| b == b'\n').count() + 1
        }

        fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
            match parse_bytes(Path::new("e.toml"), bytes) {
                Ok(parsed) => {
                    // What `snapshot` would write for it reads back as the same requirements.
                    let written = parsed.to_toml();
                    let again = parse_bytes(Path::new("e.toml"), written.as_bytes());
                    prop_assert_eq!(again.ok(), Some(parsed), "{}", written);
                }
                Err(
                    ExpectedError::Malformed { line, .. } | ExpectedError::NotUtf8 { line, .. },
                ) => {
                    prop_assert!((1..=lines_in(bytes)).contains(&line), "line {}", line);
                }
                Err(e @ ExpectedError::Read { .. }) => prop_assert!(false, "{}", e),
            }
            Ok(())
        }

        fn key() -> impl Strategy<Value = String> {
            prop_oneof![
                4 => "[a-z_]{1,8}",
                1 => "[a-z]{1,5}\\.[a-z]{1,5}",
                1 => Just("\"\"".to_owned()),
                1 => Just("\"a\\u0000b\"".to_owned()),
                1 => "\"[ -~é\\\\\u{0}.]{0,8}\"",
                1 => "[a-z]{64}",
            ]
        }

        fn value() -> impl Strategy<Value = String> {
            let spec = prop_oneof![
                Just("*"),
                Just("int"),
                Just("int8 not null"),
                Just("varchar(20) null"),
                Just("text nul"),
                Just("numeric(10, 2"),
                Just("_int4"),
                Just("timestamptz(3)"),
                Just("billing.\\\"My Type\\\" not null"),
                Just(""),
                Just("not null"),
                Just("double precision"),
                Just("a b c"),
            ];
            prop_oneof![
                spec.prop_map(|s| format!("\"{s}\"")),
                any::<i64>().prop_map(|n| n.to_string()),
                Just("true".to_owned()),
                Just("[]".to_owned()),
                Just("[\"a\", \"b\"]".to_owned()),
                Just("[1, \"a\"]".to_owned()),
                Just("{}".to_owned()),
                (key(), key()).prop_map(|(a, b)| format!("{{ {a} = \"int\", {b} = \"*\" }}")),
                Just("\"unterminated".to_owned()),
            ]
        }

        /// Lines of the file's own vocabulary, mostly in the right places, sometimes not.
        fn line() -> impl Strategy<Value = String> {
            prop_oneof![
                2 => key().prop_map(|k| format!("[tables.{k}]")),
                1 => key().prop_map(|k| format!("[enums.{k}]")),
                3 => value().prop_map(|v| format!("columns = {v}")),
                2 => value().prop_map(|v| format!("indexes = {v}")),
                2 => value().prop_map(|v| format!("values = {v}")),
                1 => value().prop_map(|v| format!("version = {v}")),
                1 => (key(), value()).prop_map(|(k, v)| format!("{k} = {v}")),
                1 => Just("# a comment".to_owned()),
                1 => Just(String::new()),
                1 => Just("[tables".to_owned()),
                1 => "[ -~]{0,20}",
            ]
        }

        proptest! {
            #[test]
            fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
                check(&bytes)?;
            }

            #[test]
            fn arbitrary_text_never_panics(text in any::<String>()) {
                check(text.as_bytes())?;
            }

            #[test]
            fn toml_like_files_never_panic(lines in proptest::collection::vec(line(), 0..12)) {
                check(lines.join("\n").as_bytes())?;
            }

            #[test]
            fn normalising_is_idempotent(text in any::<String>()) {
                let once = normalize_type(&text);
                prop_assert_eq!(normalize_type(&once), once.clone(), "{:?}", text);
            }

            #[test]
            fn normalising_type_like_text_is_idempotent(
                text in "(_|)(int|int8|varchar|char|bit|float|timestamptz|timestamp|time|numeric|text|\"My T\"|a\\.b)( ?\\( ?[0-9]{1,3}( ?, ?[0-9])? ?\\))?( with time zone| without time zone| varying)?( ?\\[\\])*"
            ) {
                let once = normalize_type(&text);
                prop_assert_eq!(normalize_type(&once), once.clone(), "{:?}", text);
            }

            #[test]
            fn normalising_odd_short_text_is_idempotent(text in "[_a-z()\\[\\] ,\"]{0,12}") {
                let once = normalize_type(&text);
                prop_assert_eq!(normalize_type(&once), once.clone(), "{:?}", text);
            }

            #[test]
            fn column_specs_read_back_as_written(text in any::<String>()) {
                if let Some(spec) = parse_column_spec(&text) {
                    prop_assert_eq!(parse_column_spec(&spec.to_string()), Some(spec), "{:?}", text);
                }
            }
        }
    }
}
