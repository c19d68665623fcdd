//! Restoring a backup with `pg_restore`: the whole database (cleaned first, one transaction),
//! or chosen tables with their definition, rows, indexes, constraints and sequences, or only
//! their rows. Confirmation and the advisory lock are the caller's job.

use std::ffi::OsString;
use std::path::Path;

use super::pg_tools::ToolSearch;
use super::target::TempFileGuard;
use super::{BackupError, DumpTarget};

/// What to restore.
#[derive(Debug, Clone)]
pub struct RestoreOptions {
    /// Tables to restore (`name` for `public.name`, or `schema.name`); empty means everything.
    pub tables: Vec<String>,
    /// Restore only the rows of `tables` into existing (empty) tables.
    pub data_only: bool,
    /// The server's major version, to pick `pg_restore`.
    pub server_major: u32,
    /// Where to look for `pg_restore`.
    pub tools: ToolSearch,
}

/// Restores `file` into `target`. Whole restore: drops and recreates every object in the
/// archive (`--clean --if-exists`) in one transaction, history table included. With tables:
/// creates them with rows, indexes, constraints, defaults, triggers and owned sequences (they
/// must be missing), or with `data_only` loads only their rows and sequence positions.
pub fn restore(target: &DumpTarget, file: &Path, opts: &RestoreOptions) -> Result<(), BackupError> {
    let pg_restore = opts.tools.find("pg_restore", opts.server_major)?;
    if !file.is_file() {
        return Err(BackupError::Invalid {
            path: file.to_path_buf(),
            reason: "no such file".into(),
        });
    }
    if opts.data_only && opts.tables.is_empty() {
        return Err(BackupError::Invalid {
            path: file.to_path_buf(),
            reason: "a data-only restore needs at least one --table".into(),
        });
    }
    let mut args: Vec<OsString> = vec![
        "--no-owner".into(),
        "--no-privileges".into(),
        "--single-transaction".into(),
        "--exit-on-error".into(),
        target.dbname_conninfo().into(),
    ];
    let _list_file;
    if opts.tables.is_empty() {
        args.splice(0..0, ["--clean".into(), "--if-exists".into()]);
    } else {
        let list = read_list(target, &pg_restore, file)?;
        let selected = select_entries(
            &list,
            &pg_restore,
            target,
            file,
            &opts.tables,
            opts.data_only,
        )?;
        _list_file = TempFileGuard::create("restore-list", selected.as_bytes())?;
        if opts.data_only {
            args.push("--data-only".into());
        }
        args.push("--use-list".into());
        args.push(_list_file.path().as_os_str().to_owned());
    }
    args.push(file.as_os_str().to_owned());
    run_captured(target, &pg_restore, args).map(|_| ())
}

/// `pg_restore --list FILE`: the archive's table of contents.
pub(crate) fn read_list(
    target: &DumpTarget,
    pg_restore: &Path,
    file: &Path,
) -> Result<String, BackupError> {
    let args = vec!["--list".into(), file.as_os_str().to_owned()];
    run_captured(target, pg_restore, args).map_err(|e| match e {
        BackupError::Failed { stderr_tail, .. } => BackupError::Invalid {
            path: file.to_path_buf(),
            reason: format!("pg_restore --list failed: {}", stderr_tail.trim()),
        },
        other => other,
    })
}

fn run_captured(
    target: &DumpTarget,
    program: &Path,
    args: Vec<OsString>,
) -> Result<String, BackupError> {
    let (cmd, _passfile) = target.command(program, args)?;
    let command = program.display().to_string();
    let spawn_error = |source| BackupError::Spawn {
        command: command.clone(),
        source,
    };
    let handle = cmd
        .stdin_null()
        .stdout_capture()
        .stderr_capture()
        .unchecked()
        .start()
        .map_err(spawn_error)?;
    let tracked = crate::interrupt::track(handle.pids());
    let out = handle.wait().map_err(spawn_error)?.clone();
    drop(tracked);
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = stderr.lines().collect();
        let tail = lines[lines.len().saturating_sub(20)..].join("\n");
        return Err(BackupError::Failed {
            command,
            status: out.status.to_string(),
            stderr_tail: tail,
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// One line of `pg_restore --list`: `3345; 0 16390 TABLE DATA public journey_templates owner`.
struct TocEntry<'a> {
    line: &'a str,
    kind: &'static str,
    schema: &'a str,
    /// Tag words: the object name, or "table name" for constraints, defaults and triggers.
    tag: Vec<&'a str>,
}

/// Longest first, so "TABLE DATA" is not read as "TABLE".
const KINDS: &[&str] = &[
    "SEQUENCE OWNED BY",
    "SEQUENCE SET",
    "FK CONSTRAINT",
    "TABLE DATA",
    "CONSTRAINT",
    "SEQUENCE",
    "DEFAULT",
    "TRIGGER",
    "INDEX",
    "TABLE",
];

fn parse_toc_line(line: &str) -> Option<TocEntry<'_>> {
    if line.starts_with(';') {
        return None;
    }
    let (_, rest) = line.split_once("; ")?;
    let mut words = rest.splitn(3, ' ');
    words.next()?;
    words.next()?;
    let rest = words.next()?;
    let kind = KINDS
        .iter()
        .find(|k| rest.starts_with(*k) && rest[k.len()..].starts_with(' '))?;
    let mut words: Vec<&str> = rest[kind.len()..].split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let schema = words.remove(0);
    // The last word is the owner; with --no-owner dumps it may be missing, so keep it in the
    // tag and compare only the leading words.
    Some(TocEntry {
        line,
        kind,
        schema,
        tag: words,
    })
}

fn split_table(name: &str) -> (&str, &str) {
    name.split_once('.').unwrap_or(("public", name))
}

/// The list entries to restore for `tables`, in archive order (which is dependency order).
fn select_entries(
    list: &str,
    pg_restore: &Path,
    target: &DumpTarget,
    file: &Path,
    tables: &[String],
    data_only: bool,
) -> Result<String, BackupError> {
    let wanted: Vec<(&str, &str)> = tables.iter().map(|t| split_table(t)).collect();
    let is_wanted =
        |schema: &str, table: &str| wanted.iter().any(|(s, t)| *s == schema && *t == table);
    let entries: Vec<TocEntry> = list.lines().filter_map(parse_toc_line).collect();

    for (schema, table) in &wanted {
        let present = entries
            .iter()
            .any(|e| e.kind == "TABLE" && e.schema == *schema && e.tag.first() == Some(table));
        if !present {
            return Err(BackupError::Invalid {
                path: file.to_path_buf(),
                reason: format!("table {schema}.{table} is not in this backup"),
            });
        }
    }

    // Sequences owned by the tables (serial and identity columns) are named in the
    // `SEQUENCE OWNED BY` statements and identity `ALTER TABLE`s, which only the SQL shows.
    // Indexes likewise: their TOC tag is the index name alone.
    let sql = archive_sql(target, pg_restore, file, &entries)?;
    let owned = objects_of_tables(&sql, &is_wanted);

    let mut selected = String::new();
    for e in &entries {
        let first = e.tag.first().copied().unwrap_or("");
        let on_table = is_wanted(e.schema, first);
        let owned_object = owned.iter().any(|(s, n)| *s == e.schema && n == first);
        let keep = match e.kind {
            "TABLE DATA" => on_table,
            "SEQUENCE SET" => owned_object,
            _ if data_only => false,
            "TABLE" | "CONSTRAINT" | "FK CONSTRAINT" | "DEFAULT" | "TRIGGER" => on_table,
            "SEQUENCE" | "SEQUENCE OWNED BY" | "INDEX" => owned_object,
            _ => false,
        };
        if keep {
            selected.push_str(e.line);
            selected.push('\n');
        }
    }
    Ok(selected)
}

/// The SQL of the archive's INDEX and SEQUENCE entries, to learn which table each belongs to.
fn archive_sql(
    target: &DumpTarget,
    pg_restore: &Path,
    file: &Path,
    entries: &[TocEntry],
) -> Result<String, BackupError> {
    let mut list = String::new();
    for e in entries
        .iter()
        .filter(|e| matches!(e.kind, "INDEX" | "SEQUENCE" | "SEQUENCE OWNED BY"))
    {
        list.push_str(e.line);
        list.push('\n');
    }
    if list.is_empty() {
        return Ok(String::new());
    }
    let list_file = TempFileGuard::create("inspect-list", list.as_bytes())?;
    let args: Vec<OsString> = vec![
        "--schema-only".into(),
        "--use-list".into(),
        list_file.path().as_os_str().to_owned(),
        "--file=-".into(),
        file.as_os_str().to_owned(),
    ];
    run_captured(target, pg_restore, args)
}

/// (schema, name) of indexes and sequences that belong to a wanted table, read from the SQL
/// pg_restore prints: `CREATE [UNIQUE] INDEX name ON [ONLY] schema.table ...`,
/// `ALTER SEQUENCE schema.seq OWNED BY schema.table.col;` and identity columns'
/// `ALTER TABLE schema.table ALTER COLUMN c ADD GENERATED ... ( SEQUENCE NAME schema.seq`.
fn objects_of_tables(sql: &str, is_wanted: &dyn Fn(&str, &str) -> bool) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let statements: Vec<String> = sql
        .split(";\n")
        .map(|s| {
            s.lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    for stmt in statements {
        let words: Vec<&str> = stmt.split_whitespace().collect();
        let qualified = |w: &str| -> (String, String) {
            let w = w.trim_end_matches(';').replace('"', "");
            match w.split_once('.') {
                Some((s, n)) => (s.to_string(), n.to_string()),
                None => ("public".to_string(), w),
            }
        };
        if words.len() >= 5 && words[0] == "CREATE" && words.contains(&"INDEX") {
            let i = words.iter().position(|w| *w == "INDEX").unwrap();
            let Some(name) = words.get(i + 1) else {
                continue;
            };
            let mut j = i + 2;
            if words.get(j) != Some(&"ON") {
                continue;
            }
            j += 1;
            if words.get(j) == Some(&"ONLY") {
                j += 1;
            }
            let Some(table) = words.get(j) else { continue };
            let (ts, tn) = qualified(table);
            if is_wanted(&ts, &tn) {
                found.push((ts, name.replace('"', "")));
            }
        } else if words.len() >= 6
            && words[0] == "ALTER"
            && words[1] == "SEQUENCE"
            && words[3] == "OWNED"
        {
            let (ss, sn) = qualified(words[2]);
            let owner = words[5].trim_end_matches(';').replace('"', "");
            let mut parts: Vec<&str> = owner.split('.').collect();
            parts.pop();
            let (ts, tn) = match parts.as_slice() {
                [s, t] => (s.to_string(), t.to_string()),
                [t] => ("public".to_string(), t.to_string()),
                _ => continue,
            };
            if is_wanted(&ts, &tn) {
                found.push((ss, sn));
            }
        } else if words.len() >= 4
            && words[0] == "ALTER"
            && words[1] == "TABLE"
            && stmt.contains("SEQUENCE NAME")
        {
            let t = if words[2] == "ONLY" {
                words[3]
            } else {
                words[2]
            };
            let (ts, tn) = qualified(t);
            if let Some(k) = words.iter().position(|w| *w == "NAME")
                && let Some(seq) = words.get(k + 1)
                && is_wanted(&ts, &tn)
            {
                found.push(qualified(seq));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_toc_lines() {
        let e =
            parse_toc_line("3345; 0 16390 TABLE DATA public journey_templates postgres").unwrap();
        assert_eq!(e.kind, "TABLE DATA");
        assert_eq!(e.schema, "public");
        assert_eq!(e.tag[0], "journey_templates");
        let e =
            parse_toc_line("3190; 2606 16397 CONSTRAINT public journey_templates jt_pkey postgres")
                .unwrap();
        assert_eq!(e.kind, "CONSTRAINT");
        assert!(parse_toc_line(";     TOC Entries: 12").is_none());
    }

    #[test]
    fn finds_indexes_and_sequences_of_tables() {
        let sql = "--\n-- Name: ix_jt_user; Type: INDEX\n--\n\nCREATE INDEX ix_jt_user ON public.journey_templates USING btree (user_id);\n\
                   ALTER SEQUENCE public.jt_id_seq OWNED BY public.journey_templates.id;\n\
                   CREATE INDEX ix_other ON public.users USING btree (x);\n";
        let wanted = |s: &str, t: &str| s == "public" && t == "journey_templates";
        let found = objects_of_tables(sql, &wanted);
        assert!(found.contains(&("public".into(), "ix_jt_user".into())));
        assert!(found.contains(&("public".into(), "jt_id_seq".into())));
        assert!(!found.iter().any(|(_, n)| n == "ix_other"));
    }
}
