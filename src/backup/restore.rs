//! Restoring a backup through one transaction of ours: `pg_restore` only turns the archive into
//! SQL (`--file=-`, it never connects), and schemagate runs that SQL, `COPY` data included, in a
//! transaction it opened on its own connection. So the whole restore commits or nothing does,
//! and statements of ours (emptying the database first, checks on existing tables) run in the
//! same transaction. Confirmation, the advisory lock and the run log are the caller's job.
//!
//! What is restored is chosen from the archive's table of contents read with `pg_restore
//! --list --verbose`, whose entries carry their dependencies: a table with everything that
//! belongs to it (sequences, defaults, constraints, indexes, triggers, comments, grants, data).
//! Names in that listing are printed raw (a schema `Mixed Case` is two words), so a table is
//! found by `pg_restore --list --schema S --table T`, which compares names exactly.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::Path;
use std::pin::pin;

use bytes::BytesMut;
use futures_util::SinkExt;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio_postgres::Transaction;

use super::pg_tools::ToolSearch;
use super::target::MemFile;
use super::{BackupError, DumpTarget};

/// What to restore.
#[derive(Debug, Clone)]
pub struct RestoreOptions {
    /// Tables to restore; empty means the whole database.
    pub tables: Vec<TableName>,
    /// Only rows, into tables that exist (refused for a table that does not).
    pub data_only: bool,
    /// The server's major version, to pick `pg_restore`.
    pub server_major: u32,
    /// Where to look for `pg_restore`.
    pub tools: ToolSearch,
}

/// A table name as PostgreSQL reads it: `users`, `Users` (folded to `users`), `"Users"`,
/// `public."Users"`, `"Mixed Case"."T"`, `"a.b".t`. Without a schema, `public`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableName {
    /// The schema, as stored in the catalog.
    pub schema: String,
    /// The table, as stored in the catalog.
    pub name: String,
}

impl TableName {
    /// Parses `input` as PostgreSQL would: unquoted parts fold to lower case, quoted parts are
    /// kept as written (`""` is a quote), an unquoted dot separates schema and table.
    pub fn parse(input: &str) -> Result<TableName, String> {
        let mut parts: Vec<String> = Vec::new();
        let mut chars = input.trim().chars().peekable();
        loop {
            let mut part = String::new();
            if chars.peek() == Some(&'"') {
                chars.next();
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            part.push('"');
                        }
                        Some('"') => break,
                        Some(c) => part.push(c),
                        None => return Err("a quoted name is not closed".into()),
                    }
                }
                if part.is_empty() {
                    return Err("an empty quoted name (\"\")".into());
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == '.' {
                        break;
                    }
                    let first = part.is_empty();
                    let ok =
                        c.is_alphabetic() || c == '_' || (!first && (c.is_numeric() || c == '$'));
                    if !ok {
                        return Err(format!(
                            "{c:?} cannot appear in an unquoted name (quote it: '\"{}\"')",
                            input.trim().replace('"', "\"\"")
                        ));
                    }
                    part.push(c.to_ascii_lowercase());
                    chars.next();
                }
                if part.is_empty() {
                    return Err("a part of the name is empty".into());
                }
            }
            parts.push(part);
            match chars.next() {
                None => break,
                Some('.') => continue,
                Some(c) => return Err(format!("{c:?} after a quoted name")),
            }
        }
        match <[String; 2]>::try_from(parts) {
            Ok([schema, name]) => Ok(TableName { schema, name }),
            Err(parts) if parts.len() == 1 => Ok(TableName {
                schema: "public".into(),
                name: parts.into_iter().next().unwrap_or_default(),
            }),
            Err(_) => Err("more than schema.table (a dot inside a name must be quoted)".into()),
        }
    }

    /// `"schema"."name"`, for SQL.
    pub fn quoted(&self) -> String {
        format!("{}.{}", quote_ident(&self.schema), quote_ident(&self.name))
    }
}

impl std::fmt::Display for TableName {
    /// As a person types it: quoted only where PostgreSQL needs it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let part = |s: &str| {
            let plain = s
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
                && s.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if plain { s.to_string() } else { quote_ident(s) }
        };
        write!(f, "{}.{}", part(&self.schema), part(&self.name))
    }
}

/// `"name"` with inner quotes doubled.
pub fn quote_ident(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// One entry of `pg_restore --list --verbose`: `3345; 0 16390 TABLE DATA public t owner`, then
/// `;\tdepends on: 12 34`.
#[derive(Debug, Clone)]
pub struct TocEntry {
    /// The dump id, first on the line.
    pub id: u32,
    /// The whole line, for a `--use-list` file.
    pub line: String,
    /// The kind (`TABLE DATA`), or `OTHER` for kinds chosen by nobody.
    pub kind: &'static str,
    /// What follows the kind: `schema tag owner`, raw.
    pub rest: String,
    /// Dump ids this entry depends on.
    pub deps: Vec<u32>,
}

/// Longest first, so `TABLE DATA` is not read as `TABLE`.
const KINDS: &[&str] = &[
    "MATERIALIZED VIEW DATA",
    "SEQUENCE OWNED BY",
    "CHECK CONSTRAINT",
    "MATERIALIZED VIEW",
    "FK CONSTRAINT",
    "SEQUENCE SET",
    "INDEX ATTACH",
    "TABLE ATTACH",
    "ROW SECURITY",
    "DEFAULT ACL",
    "TABLE DATA",
    "CONSTRAINT",
    "STATISTICS",
    "EXTENSION",
    "SEQUENCE",
    "DEFAULT",
    "TRIGGER",
    "COMMENT",
    "POLICY",
    "SCHEMA",
    "INDEX",
    "TABLE",
    "RULE",
    "ACL",
];

/// The entries of a `pg_restore --list --verbose` listing, in its order (restore order).
pub fn parse_toc(listing: &str) -> Vec<TocEntry> {
    let mut entries: Vec<TocEntry> = Vec::new();
    for line in listing.lines() {
        if let Some(deps) = line.strip_prefix(";\tdepends on:") {
            if let Some(last) = entries.last_mut() {
                last.deps = deps
                    .split_whitespace()
                    .filter_map(|d| d.parse().ok())
                    .collect();
            }
            continue;
        }
        if line.starts_with(';') {
            continue;
        }
        let Some((id, rest)) = line.split_once("; ") else {
            continue;
        };
        let Ok(id) = id.trim().parse::<u32>() else {
            continue;
        };
        // Table oid and object oid, then the kind.
        let mut words = rest.splitn(3, ' ');
        let (Some(_), Some(_), Some(text)) = (words.next(), words.next(), words.next()) else {
            continue;
        };
        let (kind, rest) = KINDS
            .iter()
            .find_map(|k| {
                text.strip_prefix(k)
                    .and_then(|r| r.strip_prefix(' '))
                    .map(|r| (*k, r))
            })
            .unwrap_or(("OTHER", text));
        entries.push(TocEntry {
            id,
            line: line.to_string(),
            kind,
            rest: rest.to_string(),
            deps: Vec::new(),
        });
    }
    entries
}

/// The dump ids of `table` (its TABLE entry `table_id`) and of everything that belongs to it:
/// its data, sequences it owns (with their positions), defaults, constraints and foreign keys
/// defined on it, indexes, triggers, policies, rules, comments and grants. Not the foreign keys
/// of other tables that point at it, nor views over it.
pub fn table_closure(entries: &[TocEntry], table: &TableName, table_id: u32) -> BTreeSet<u32> {
    let on_table = format!("{} {} ", table.schema, table.name);
    let mut selected = BTreeSet::from([table_id]);
    loop {
        let before = selected.len();
        for e in entries {
            if selected.contains(&e.id) || !e.deps.iter().any(|d| selected.contains(d)) {
                continue;
            }
            let keep = match e.kind {
                "TABLE DATA" | "SEQUENCE" | "SEQUENCE OWNED BY" | "SEQUENCE SET" | "INDEX"
                | "COMMENT" | "ROW SECURITY" | "STATISTICS" | "ACL" => true,
                "CONSTRAINT" | "FK CONSTRAINT" | "DEFAULT" | "TRIGGER" | "POLICY" | "RULE" => {
                    e.rest.starts_with(&on_table)
                }
                _ => false,
            };
            if keep {
                selected.insert(e.id);
            }
        }
        if selected.len() == before {
            return selected;
        }
    }
}

/// Runs `pg_restore` on `file` with `args` and returns its stdout. It only reads the archive:
/// no connection, so no password.
async fn pg_restore_output(
    pg_restore: &Path,
    file: &Path,
    args: &[OsString],
) -> Result<String, BackupError> {
    let mut cmd = tokio::process::Command::new(pg_restore);
    cmd.args(args).arg(file).stdin(std::process::Stdio::null());
    let out = cmd.output().await.map_err(|source| BackupError::Spawn {
        command: pg_restore.display().to_string(),
        source,
    })?;
    listing(file, out)
}

/// What `pg_restore --list` printed, or why the archive could not be listed.
fn listing(file: &Path, out: std::process::Output) -> Result<String, BackupError> {
    if !out.status.success() {
        return Err(BackupError::Invalid {
            path: file.to_path_buf(),
            reason: format!(
                "pg_restore --list failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The archive's table of contents with dependencies.
pub async fn read_toc(pg_restore: &Path, file: &Path) -> Result<Vec<TocEntry>, BackupError> {
    let listing =
        pg_restore_output(pg_restore, file, &["--list".into(), "--verbose".into()]).await?;
    Ok(parse_toc(&listing))
}

/// The TABLE entry of `table` in the archive, found by exact name.
pub async fn find_table(
    pg_restore: &Path,
    file: &Path,
    table: &TableName,
) -> Result<Option<u32>, BackupError> {
    let args: Vec<OsString> = vec![
        "--list".into(),
        format!("--schema={}", table.schema).into(),
        format!("--table={}", table.name).into(),
    ];
    let listing = pg_restore_output(pg_restore, file, &args).await?;
    Ok(parse_toc(&listing)
        .into_iter()
        .find(|e| e.kind == "TABLE")
        .map(|e| e.id))
}

/// `pg_restore --list` (no dependencies) for the deploy's validation of a new backup.
pub(crate) fn read_list(
    target: &DumpTarget,
    pg_restore: &Path,
    file: &Path,
) -> Result<String, BackupError> {
    let args = vec!["--list".into(), file.as_os_str().to_owned()];
    let (cmd, _passfile) = target.command(pg_restore, args)?;
    let command = pg_restore.display().to_string();
    let out = cmd
        .stdin_null()
        .stdout_capture()
        .stderr_capture()
        .unchecked()
        .run()
        .map_err(|source| BackupError::Spawn {
            command: command.clone(),
            source,
        })?;
    listing(file, out)
}

/// Why running the restore's SQL failed: the archive entry it was restoring and the cause.
#[derive(Debug)]
pub struct ScriptError {
    /// `TABLE public.audit`, `the archive header`.
    pub entry: String,
    /// The server's words, or what went wrong with `pg_restore`.
    pub cause: String,
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.entry, self.cause)
    }
}

/// Rows loaded into one table.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The table as the archive's `COPY` names it (`public.journey_templates`).
    pub table: String,
    /// Rows the server reported.
    pub rows: u64,
}

/// The statement of `pg_restore`'s script that must not run here: the caller's `SET LOCAL
/// lock_timeout` keeps a restore from waiting for ever behind the app's locks. (Its
/// `statement_timeout = 0` stays: a long COPY must not be cut by a database default.)
fn skipped_statement(line: &str) -> bool {
    line.trim_end() == "SET lock_timeout = 0;"
}

/// Turns the entries `list` (lines of `--list` output) of `file` into SQL with `pg_restore` and
/// runs it in `tx`: statements in batches between the archive's entries, data through `COPY`.
/// `privileges`: keep the archive's grants (false: `--no-privileges`). Owners are never set:
/// objects belong to the role restoring them.
pub async fn run_script(
    tx: &Transaction<'_>,
    pg_restore: &Path,
    file: &Path,
    list: &str,
    privileges: bool,
) -> Result<Vec<Loaded>, ScriptError> {
    let fail = |entry: &str, cause: String| ScriptError {
        entry: entry.to_string(),
        cause,
    };
    let list_file = MemFile::create("create the in-memory restore list", list.as_bytes())
        .map_err(|e| fail("the restore list", e.to_string()))?;
    let mut cmd = tokio::process::Command::new(pg_restore);
    cmd.arg("--no-owner");
    if !privileges {
        cmd.arg("--no-privileges");
    }
    cmd.arg("--file=-")
        .arg("--use-list")
        .arg(list_file.path())
        .arg(file)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true);
    super::target::end_with_us_tokio(&mut cmd, Some(list_file.raw()));
    let mut child = cmd.spawn().map_err(|e| {
        fail(
            "the archive",
            format!("could not start {}: {e}", pg_restore.display()),
        )
    })?;
    let _tracked = crate::interrupt::track(child.id().into_iter().collect());
    let stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let stderr_task = tokio::spawn(async move {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text).await;
        text
    });

    let mut reader = BufReader::with_capacity(1 << 16, stdout);
    let mut line: Vec<u8> = Vec::new();
    let mut sql = String::new();
    let mut entry = String::from("the archive header");
    let mut data_entry = false;
    let mut loaded = Vec::new();
    let read_error =
        |e: std::io::Error| fail("the archive", format!("reading pg_restore's output: {e}"));

    async fn flush(tx: &Transaction<'_>, sql: &mut String, entry: &str) -> Result<(), ScriptError> {
        if sql.trim().is_empty() {
            sql.clear();
            return Ok(());
        }
        let result = tx.batch_execute(sql).await;
        sql.clear();
        result.map_err(|e| ScriptError {
            entry: entry.to_string(),
            cause: crate::pg_error::describe(&e),
        })
    }

    loop {
        line.clear();
        if reader
            .read_until(b'\n', &mut line)
            .await
            .map_err(read_error)?
            == 0
        {
            break;
        }
        let text = std::str::from_utf8(&line)
            .map_err(|_| fail(&entry, "the archive's SQL is not UTF-8".into()))?;
        // `-- Name: users; Type: TABLE; Schema: public; Owner: -` opens each entry.
        let header = text
            .strip_prefix("-- Name: ")
            .map(|h| (h, false))
            .or_else(|| text.strip_prefix("-- Data for Name: ").map(|h| (h, true)));
        if let Some((h, data)) = header.filter(|(h, _)| h.contains("; Type: ")) {
            flush(tx, &mut sql, &entry).await?;
            entry = describe_header(h);
            data_entry = data;
            continue;
        }
        if text.starts_with('\\') {
            // psql's `\restrict KEY` / `\unrestrict KEY` around the script (PostgreSQL 17.6,
            // 16.10 and later); nothing else of psql's is expected.
            if text.starts_with("\\restrict ") || text.starts_with("\\unrestrict ") {
                continue;
            }
            return Err(fail(
                &entry,
                format!("unexpected line in the archive's SQL: {}", text.trim_end()),
            ));
        }
        let trimmed = text.trim_end();
        if data_entry && trimmed.starts_with("COPY ") && trimmed.ends_with(" FROM stdin;") {
            flush(tx, &mut sql, &entry).await?;
            data_entry = false;
            let statement = trimmed.trim_end_matches(';').to_string();
            let copy_error = |e: tokio_postgres::Error| fail(&entry, crate::pg_error::describe(&e));
            let sink = tx
                .copy_in::<_, bytes::Bytes>(statement.as_str())
                .await
                .map_err(copy_error)?;
            let mut sink = pin!(sink);
            let mut buf = BytesMut::with_capacity(1 << 17);
            loop {
                line.clear();
                if reader
                    .read_until(b'\n', &mut line)
                    .await
                    .map_err(read_error)?
                    == 0
                {
                    return Err(fail(&entry, "the archive ended inside its data".into()));
                }
                if line == b"\\.\n" {
                    break;
                }
                buf.extend_from_slice(&line);
                if buf.len() >= 1 << 16 {
                    sink.send(buf.split().freeze()).await.map_err(copy_error)?;
                }
            }
            if !buf.is_empty() {
                sink.send(buf.split().freeze()).await.map_err(copy_error)?;
            }
            let rows = sink.as_mut().finish().await.map_err(copy_error)?;
            let table = statement
                .trim_start_matches("COPY ")
                .split(" (")
                .next()
                .unwrap_or_default()
                .trim_end_matches(" FROM stdin")
                .to_string();
            loaded.push(Loaded { table, rows });
            continue;
        }
        if skipped_statement(text) {
            continue;
        }
        sql.push_str(text);
    }
    flush(tx, &mut sql, &entry).await?;
    let status = child
        .wait()
        .await
        .map_err(|e| fail("the archive", format!("waiting for pg_restore: {e}")))?;
    let stderr = stderr_task.await.unwrap_or_default();
    if !status.success() {
        return Err(fail(
            "the archive",
            format!("pg_restore failed ({status}): {}", stderr.trim()),
        ));
    }
    Ok(loaded)
}

/// `users; Type: TABLE; Schema: public; Owner: -` -> `TABLE public.users`.
fn describe_header(h: &str) -> String {
    let mut name = h;
    let mut kind = "";
    let mut schema = "-";
    for (i, part) in h.split("; ").enumerate() {
        if i == 0 {
            name = part;
        } else if let Some(k) = part.strip_prefix("Type: ") {
            kind = k;
        } else if let Some(s) = part.strip_prefix("Schema: ") {
            schema = s;
        }
    }
    if schema == "-" {
        format!("{kind} {name}")
    } else {
        format!("{kind} {schema}.{name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_as_postgresql_reads_them() {
        let t = |s: &str| TableName::parse(s).map(|t| (t.schema, t.name));
        let ok = |a: &str, b: &str| Ok((a.to_string(), b.to_string()));
        assert_eq!(t("users"), ok("public", "users"));
        assert_eq!(t("Users"), ok("public", "users"));
        assert_eq!(t("\"Users\""), ok("public", "Users"));
        assert_eq!(t("public.\"Users\""), ok("public", "Users"));
        assert_eq!(t("\"Mixed Case\".\"T\""), ok("Mixed Case", "T"));
        assert_eq!(t("\"a.b\".t"), ok("a.b", "t"));
        assert_eq!(t("\"say \"\"hi\"\"\""), ok("public", "say \"hi\""));
        assert_eq!(t("app.Journey_Templates"), ok("app", "journey_templates"));
        for bad in [
            "", "a.b.c", "\"open", "a b", "a.", ".a", "\"\"", "1abc", "a-b", "\"x\"y",
        ] {
            assert!(t(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            TableName::parse("\"Mixed Case\".\"T\"")
                .unwrap()
                .to_string(),
            "\"Mixed Case\".\"T\""
        );
        assert_eq!(
            TableName::parse("users").unwrap().to_string(),
            "public.users"
        );
    }

    #[test]
    fn reads_entries_with_their_dependencies() {
        let listing = ";\n; Archive created at x\n\
            6; 2615 16388 SCHEMA - Mixed Case postgres\n\
            217; 1259 16391 TABLE Mixed Case Users postgres\n;\tdepends on: 6\n\
            216; 1259 16390 SEQUENCE Mixed Case Users_id_seq postgres\n;\tdepends on: 6 217\n\
            3389; 0 0 SEQUENCE OWNED BY Mixed Case Users_id_seq postgres\n;\tdepends on: 216\n\
            3376; 0 16391 TABLE DATA Mixed Case Users postgres\n;\tdepends on: 217\n\
            3392; 0 0 SEQUENCE SET Mixed Case Users_id_seq postgres\n;\tdepends on: 216\n\
            3223; 2606 16398 CONSTRAINT Mixed Case Users Users_pkey postgres\n;\tdepends on: 217\n\
            3224; 2606 16399 FK CONSTRAINT Mixed Case Other other_fk postgres\n;\tdepends on: 217 3223 300\n\
            301; 1259 16429 VIEW Mixed Case v postgres\n;\tdepends on: 217\n";
        let entries = parse_toc(listing);
        assert_eq!(entries.len(), 9);
        assert_eq!(entries[4].kind, "TABLE DATA");
        assert_eq!(entries[4].rest, "Mixed Case Users postgres");
        let table = TableName {
            schema: "Mixed Case".into(),
            name: "Users".into(),
        };
        let ids = table_closure(&entries, &table, 217);
        assert_eq!(
            ids.into_iter().collect::<Vec<_>>(),
            [216, 217, 3223, 3376, 3389, 3392]
        );
    }

    #[test]
    fn headers_name_the_entry() {
        assert_eq!(
            describe_header("audit; Type: TABLE; Schema: public; Owner: -\n"),
            "TABLE public.audit"
        );
    }
}
