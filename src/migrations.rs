//! The migration files: finding, naming rules, reading, checksums.
//!
//! refinery silently skips misnamed files, keeps only one of two files with the same version,
//! and panics on versions that do not fit. Here every one of those is an error before the
//! database is touched. Checksums are refinery's own (so history written by refinery matches),
//! plus the same file with other line endings, so a CRLF-only change never counts as an edit,
//! and the statement checksum ([`Migration::statements_checksum`]): the file's tokens without
//! comments and whitespace, kept beside refinery's so that a comment-only edit is not an edit.

use std::path::{Path, PathBuf};

use refinery_core::Migration as RefineryMigration;

use crate::error::{Error, Result};
use crate::history::problem::HistoryProblem;

/// The comment that sends a migration outside the transaction, after `--`.
pub const NO_TRANSACTION_MARKER: &str = "schemagate:no-transaction";

/// One `V{version}__{name}.sql` file.
#[derive(Debug, Clone)]
pub struct Migration {
    pub version: i32,
    pub name: String,
    /// `V3__add_email.sql`, for messages.
    pub file_name: String,
    pub path: PathBuf,
    pub sql: String,
    /// refinery's checksum of the file as it is.
    pub checksum: u64,

    pub no_transaction: bool,
}

impl Migration {
    /// Build a migration from its file name and text (checksums computed here).
    pub fn new(
        file_name: &str,
        path: PathBuf,
        sql: String,
    ) -> std::result::Result<Migration, HistoryProblem> {
        let (version, name) = parse_name(file_name)?;
        let no_transaction = has_no_transaction_marker(&sql);
        Ok(Migration {
            checksum: checksum(&name, version, &sql),
            version,
            name,
            file_name: file_name.to_string(),
            path,
            sql,
            no_transaction,
        })
    }

    /// Whether `checksum` (from the history) is this file, whatever its line endings.
    ///
    /// The LF and CRLF variants are computed only on a mismatch: the no-op deploy checks every
    /// applied file and must stay cheap.
    pub fn matches_checksum(&self, checksum: u64) -> bool {
        if self.checksum == checksum {
            return true;
        }
        let lf = self.sql.replace("\r\n", "\n");
        let crlf = lf.replace('\n', "\r\n");
        [lf, crlf]
            .iter()
            .any(|text| self::checksum(&self.name, self.version, text) == checksum)
    }

    /// The checksum of what the file asks PostgreSQL to do: its tokens as PostgreSQL's lexer
    /// splits them (squawk's lexer), without comments and whitespace, with the name, the version
    /// and whether it runs outside the transaction (the marker is a comment that changes how it
    /// runs). Adding `-- squawk-ignore ...`, re-indenting or rewrapping keeps it; changing a
    /// word, a literal or a function body (a dollar-quoted string is one token) does not.
    pub fn statements_checksum(&self) -> u64 {
        use squawk_lexer::TokenKind;
        use std::hash::{Hash, Hasher};
        let mut hasher = siphasher::sip::SipHasher13::new();
        // A tag, so a later change of this normalisation cannot match an older value by accident.
        "schemagate statements v1".hash(&mut hasher);
        self.name.hash(&mut hasher);
        self.version.hash(&mut hasher);
        self.no_transaction.hash(&mut hasher);
        let mut at = 0usize;
        for token in squawk_lexer::tokenize(&self.sql) {
            let len = token.len as usize;
            let text = self.sql.get(at..at + len).unwrap_or_default();
            at += len;
            if matches!(
                token.kind,
                TokenKind::Whitespace | TokenKind::LineComment | TokenKind::BlockComment { .. }
            ) {
                continue;
            }
            // Each token hashed on its own, so `a b` and `ab` differ.
            text.hash(&mut hasher);
        }
        hasher.finish()
    }

    /// The refinery value for this file, for refinery's runner.
    pub fn to_refinery(&self) -> RefineryMigration {
        RefineryMigration::unapplied(self.file_name.trim_end_matches(".sql"), &self.sql)
            .expect("name validated when loaded")
    }
}

/// refinery's checksum: SipHash-1-3 over the name, the version and the text, hashed as refinery
/// hashes them (`refinery_core::Migration::unapplied`). Computed here because refinery's way
/// compiles a Unicode regex in every process, a third of a no-op deploy's CPU at 50 files; the
/// test below pins the two together.
pub fn checksum(name: &str, version: i32, sql: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = siphasher::sip::SipHasher13::new();
    name.hash(&mut hasher);
    version.hash(&mut hasher);
    sql.hash(&mut hasher);
    hasher.finish()
}

/// Whether the file runs outside the transaction: `-- schemagate:no-transaction` among the
/// comment lines before the first statement (blank lines allowed in between). The space after
/// `--` and the case are free, as in any SQL comment. This is the one predicate: the lint, the
/// plan and the deploy all ask it.
pub fn has_no_transaction_marker(sql: &str) -> bool {
    for line in sql.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let Some(comment) = line.strip_prefix("--") else {
            return false;
        };
        if comment.trim().eq_ignore_ascii_case(NO_TRANSACTION_MARKER) {
            return true;
        }
    }
    false
}

/// Split `V12__add_email.sql` into (12, "add_email"), or say precisely what is wrong.
pub fn parse_name(file_name: &str) -> std::result::Result<(i32, String), HistoryProblem> {
    let bad = |cause: &str| HistoryProblem::BadName {
        file: file_name.to_string(),
        cause: cause.to_string(),
    };
    let stem = file_name
        .strip_suffix(".sql")
        .ok_or_else(|| bad("the name must end in .sql, in lower case"))?;
    if stem.starts_with('U') {
        return Err(bad(
            "unversioned (U) migrations are not supported; name it V{version}__{name}.sql",
        ));
    }
    let rest = stem.strip_prefix('V').ok_or_else(|| {
        bad("the name must be V{version}__{name}.sql, such as V1__create_users.sql")
    })?;
    let (digits, name) = rest
        .split_once("__")
        .ok_or_else(|| bad("the version and the name must be separated by two underscores, as in V1__create_users.sql"))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad(
            "the version must be a whole number, as in V1__create_users.sql",
        ));
    }
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(bad(
            "the name after __ may only contain letters, digits and underscores",
        ));
    }
    let version: i32 = digits.parse().map_err(|_| {
        bad(&format!(
            "version {digits} does not fit in a 32-bit integer (timestamp versions are not supported); number migrations 1, 2, 3 ... (schemagate new)"
        ))
    })?;
    Ok((version, name.to_string()))
}

/// Load and validate every migration in `dir`, sorted by version.
///
/// Unreadable directories and non-UTF-8 files are exit 2; misnamed and duplicate files are
/// history problems (exit 5), all reported together.
pub fn load(dir: &Path) -> Result<Vec<Migration>> {
    let mut files = Vec::new();
    collect(dir, &mut files, 0)?;
    let mut migrations: Vec<Migration> = Vec::new();
    let mut problems = Vec::new();
    for path in files {
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let sql = read_sql(&path)?;
        match Migration::new(&file_name, path.clone(), sql) {
            Ok(m) => migrations.push(m),
            Err(p) => problems.push(p),
        }
    }
    migrations.sort_by(|a, b| {
        a.version
            .cmp(&b.version)
            .then(a.file_name.cmp(&b.file_name))
    });
    // Sorted by version, so the files sharing one sit together: one problem per version.
    for group in migrations.chunk_by(|a, b| a.version == b.version) {
        if let [first, ..] = group
            && group.len() > 1
        {
            problems.push(HistoryProblem::Duplicate {
                version: first.version,
                files: group.iter().map(|m| m.file_name.clone()).collect(),
            });
        }
    }
    if problems.is_empty() {
        Ok(migrations)
    } else {
        Err(Error::History { problems })
    }
}

/// The text of a migration file: readable, UTF-8 and without NUL bytes, or exit 2 naming the
/// file and, where it applies, the line.
///
/// PostgreSQL cannot take a NUL in a query string; without this check a file of binary junk
/// reached the server and failed there as a lost connection (exit 8, with a hint to deploy
/// again), when it is a bad file (exit 2) that should stop everything before connecting.
pub fn read_sql(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::File {
        path: path.to_path_buf(),
        cause: format!("cannot read the migration: {e}"),
    })?;
    let at = |bytes: &[u8], offset: usize, cause: String| Error::FileAt {
        path: path.to_path_buf(),
        line: crate::text::line_of(bytes, offset),
        cause,
    };
    let nul = |bytes: &[u8], offset: usize| {
        at(
            bytes,
            offset,
            format!("a NUL byte at offset {offset}: a migration must be SQL text"),
        )
    };
    // The first problem in the file is the one reported: a NUL is valid UTF-8, so one before
    // the first invalid byte comes first.
    let text = String::from_utf8(bytes).map_err(|e| {
        let (bytes, offset) = (e.as_bytes(), e.utf8_error().valid_up_to());
        match bytes[..offset].iter().position(|&b| b == 0) {
            Some(first) => nul(bytes, first),
            None => at(
                bytes,
                offset,
                format!("not UTF-8 text (invalid byte at offset {offset})"),
            ),
        }
    })?;
    match text.bytes().position(|b| b == 0) {
        Some(first) => Err(nul(text.as_bytes(), first)),
        None => Ok(text),
    }
}

/// Collect `.sql` files below `dir`, skipping hidden entries (Kubernetes ConfigMap mounts keep
/// `..data` links that would load every file twice) and never following directory links.
fn collect(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::File {
        path: dir.to_path_buf(),
        cause: if e.kind() == std::io::ErrorKind::NotFound {
            "the migrations directory does not exist (set --migrations or SCHEMAGATE_MIGRATIONS)"
                .to_string()
        } else {
            format!("cannot read the migrations directory: {e}")
        },
    })?;
    let mut entries: Vec<_> = entries.filter_map(|e| e.ok()).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        // `V2__add.SQL` would otherwise be skipped without a word, refinery's silent skip that
        // this module exists to prevent; `parse_name` refuses it by name instead.
        let sql_like = name.to_ascii_lowercase().ends_with(".sql");
        let path = entry.path();
        // The listing's own type costs no system call; only links (and file systems that do
        // not report types) need a stat of their target. This runs on every deploy.
        let (is_dir, is_file, link) = match entry.file_type() {
            Ok(t) if !t.is_symlink() && (t.is_dir() || t.is_file()) => {
                (t.is_dir(), t.is_file(), false)
            }
            other => {
                let link = other.is_ok_and(|t| t.is_symlink());
                match std::fs::metadata(&path) {
                    Ok(m) => (m.is_dir(), m.is_file(), link),
                    // A dangling link: report it only if it pretends to be a migration.
                    Err(e) if sql_like => {
                        return Err(Error::File {
                            path,
                            cause: format!("cannot read the migration: {e}"),
                        });
                    }
                    Err(_) => continue,
                }
            }
        };
        if is_dir && sql_like {
            // What a bind mount of a missing file creates: the migration is not there.
            return Err(Error::File {
                path,
                cause: "a directory, not a migration file (a bind mount whose source file is missing creates one)".to_string(),
            });
        } else if is_dir {
            if !link && depth < 8 {
                collect(&path, out, depth + 1)?;
            }
        } else if sql_like && !is_file {
            // Reading a FIFO blocks until something writes to it: the deploy hung for good.
            return Err(Error::File {
                path,
                cause: "not a regular file (a FIFO, socket or device); a migration must be a file"
                    .to_string(),
            });
        } else if sql_like {
            out.push(path);
        }
    }
    Ok(())
}

/// The next free version and the file name for `new NAME`.
pub fn next_file_name(existing: &[Migration], name: &str) -> Result<String> {
    let slug: String = name
        .trim()
        .chars()
        .map(|c| {
            if c == ' ' || c == '-' {
                '_'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if slug.is_empty() || !slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(Error::Config(format!(
            "migration name {name:?}: use letters, digits, underscores, spaces or dashes"
        )));
    }
    let next = existing
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or(0)
        .checked_add(1)
        .ok_or_else(|| Error::Config("no version left after 2147483647".to_string()))?;
    Ok(format!("V{next}__{slug}.sql"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_refinery() {
        assert_eq!(parse_name("V1__init.sql").unwrap(), (1, "init".to_string()));
        assert_eq!(
            parse_name("V007__add_Email2.sql").unwrap(),
            (7, "add_Email2".to_string())
        );
        for bad in [
            "V1_init.sql",
            "1__init.sql",
            "V__init.sql",
            "V1__.sql",
            "V1.5__init.sql",
            "V1__add-email.sql",
            "U1__init.sql",
            "V20240101120000__init.sql",
            "V1__ünïcode.sql",
        ] {
            assert!(parse_name(bad).is_err(), "{bad} should be refused");
        }
        let err = parse_name("V20240101120000__init.sql")
            .unwrap_err()
            .to_string();
        assert!(err.contains("32-bit"), "{err}");
    }

    #[test]
    fn checksums_are_refinerys() {
        for (file, sql) in [
            ("V1__init", "create table a (id int);\n"),
            (
                "V42__add_email_2",
                "alter table a add column e text;\r\n-- é\n",
            ),
            ("V7__empty", ""),
        ] {
            let (version, name) = parse_name(&format!("{file}.sql")).unwrap();
            let theirs = RefineryMigration::unapplied(file, sql).unwrap().checksum();
            assert_eq!(checksum(&name, version, sql), theirs, "{file}");
        }
    }

    #[test]
    fn crlf_is_not_an_edit() {
        let lf = Migration::new(
            "V1__a.sql",
            PathBuf::new(),
            "create table a (id int);\n".into(),
        )
        .unwrap();
        let crlf = Migration::new(
            "V1__a.sql",
            PathBuf::new(),
            "create table a (id int);\r\n".into(),
        )
        .unwrap();
        assert_ne!(lf.checksum, crlf.checksum);
        assert!(crlf.matches_checksum(lf.checksum));
        assert!(lf.matches_checksum(crlf.checksum));
        let edited = Migration::new(
            "V1__a.sql",
            PathBuf::new(),
            "create table a (id bigint);\n".into(),
        )
        .unwrap();
        assert!(!edited.matches_checksum(lf.checksum));
    }

    #[test]
    fn comments_and_whitespace_do_not_change_the_statement_checksum() {
        let file = |sql: &str| Migration::new("V3__a.sql", PathBuf::new(), sql.into()).unwrap();
        let base = file("create table a (id int);\ndrop table b;\n").statements_checksum();
        for same in [
            "-- squawk-ignore ban-drop-table\ncreate table a (id int);\ndrop table b;\n",
            "create table a (\n    id int  -- the key\n);\r\n/* gone */ drop table b;",
            "create   table a(id int);drop table b;",
        ] {
            assert_eq!(file(same).statements_checksum(), base, "{same}");
        }
        for edit in [
            "create table a (id bigint);\ndrop table b;\n",
            "create table a (id int);\n",
            "create table a (id int);\ndrop table \"b \";\n",
            "-- schemagate:no-transaction\ncreate table a (id int);\ndrop table b;\n",
            "create table a (id int);\ndroptable b;\n",
        ] {
            assert_ne!(file(edit).statements_checksum(), base, "{edit}");
        }
        // Whitespace inside a string literal is data.
        assert_ne!(
            file("select 'a  b';").statements_checksum(),
            file("select 'a b';").statements_checksum()
        );
    }

    #[test]
    fn the_marker_must_come_before_the_first_statement() {
        assert!(has_no_transaction_marker(
            "-- schemagate:no-transaction\ncreate index concurrently i on t (a);"
        ));
        assert!(has_no_transaction_marker(
            "-- adds an index\n\n-- schemagate:no-transaction\nselect 1;"
        ));
        assert!(!has_no_transaction_marker(
            "select 1;\n-- schemagate:no-transaction"
        ));
        // Any spacing after `--` and any case: the same predicate the lint uses.
        assert!(has_no_transaction_marker(
            "--schemagate:no-transaction\ncreate index concurrently i on t (a);"
        ));
        assert!(has_no_transaction_marker(
            "--   SchemaGate:No-Transaction\nselect 1;"
        ));
    }

    mod properties {
        //! Generated file names against the rule written out on its own: `V`, the decimal
        //! version fitting refinery's i32, `__`, then `[A-Za-z0-9_]+`, then `.sql`.

        use super::*;
        use proptest::prelude::*;

        fn rule(file_name: &str) -> Option<(i32, String)> {
            let stem = file_name.strip_suffix(".sql")?;
            let rest = stem.strip_prefix('V')?;
            let at = rest.find("__")?;
            let (digits, name) = (&rest[..at], &rest[at + 2..]);
            let word = |s: &str, ok: fn(char) -> bool| !s.is_empty() && s.chars().all(ok);
            if !word(digits, |c| c.is_ascii_digit())
                || !word(name, |c| c.is_ascii_alphanumeric() || c == '_')
            {
                return None;
            }
            Some((digits.parse().ok()?, name.to_string()))
        }

        /// Names close to valid ones, so that both answers come up often.
        fn near_names() -> impl Strategy<Value = String> {
            (
                prop_oneof![6 => Just("V"), 1 => Just("v"), 1 => Just("U"), 1 => Just(""), 1 => Just("VV")],
                prop_oneof![
                    "[0-9]{1,4}",
                    "[0-9]{9,12}",
                    Just("2147483647".to_string()),
                    Just("2147483648".to_string()),
                    "[0-9a.+-]{0,3}",
                ],
                prop_oneof![6 => Just("__"), 1 => Just("_"), 1 => Just("___"), 1 => Just("")],
                prop_oneof![3 => "[A-Za-z0-9_]{1,12}", 1 => "[A-Za-z0-9_ .é-]{0,8}"],
                prop_oneof![6 => Just(".sql"), 1 => Just(".SQL"), 1 => Just(""), 1 => Just(".sql.bak")],
            )
                .prop_map(|(v, d, sep, name, ext)| format!("{v}{d}{sep}{name}{ext}"))
        }

        proptest! {
            #[test]
            fn arbitrary_text_never_panics(name in any::<String>()) {
                let _ = parse_name(&name);
            }

            #[test]
            fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
                let _ = parse_name(&String::from_utf8_lossy(&bytes));
            }

            #[test]
            fn accepts_exactly_the_rule(name in near_names()) {
                let ours = parse_name(&name).ok();
                prop_assert_eq!(&ours, &rule(&name), "{}", name);
                if let Some((version, stem_name)) = ours {
                    // to_refinery() expects refinery to take every name we take, the same way.
                    let theirs = RefineryMigration::unapplied(name.trim_end_matches(".sql"), "")
                        .expect("refinery takes the name");
                    prop_assert_eq!(theirs.version(), version);
                    prop_assert_eq!(theirs.name(), stem_name.as_str());
                }
            }

            #[test]
            fn a_refusal_names_the_file(name in near_names()) {
                if let Err(problem) = parse_name(&name) {
                    let shown = problem.to_string();
                    prop_assert!(shown.starts_with(&format!("{name}: bad migration name: ")), "{}", shown);
                }
            }

            #[test]
            fn new_writes_names_that_parse_back(
                versions in proptest::collection::vec(0..1_000_000i32, 0..5),
                name in "[A-Za-z0-9 _-]{1,20}",
            ) {
                let existing: Vec<Migration> = versions
                    .iter()
                    .map(|v| Migration::new(&format!("V{v}__x.sql"), PathBuf::new(), String::new()).unwrap())
                    .collect();
                let slug: String = name
                    .trim()
                    .chars()
                    .map(|c| if c == ' ' || c == '-' { '_' } else { c.to_ascii_lowercase() })
                    .collect();
                match next_file_name(&existing, &name) {
                    Ok(file) => {
                        let next = versions.iter().max().map_or(1, |v| v + 1);
                        prop_assert_eq!(parse_name(&file).unwrap(), (next, slug));
                    }
                    Err(_) => prop_assert!(slug.is_empty(), "{:?} refused", name),
                }
            }

            #[test]
            fn new_never_panics(name in any::<String>(), top in any::<i32>()) {
                let top = top.max(0);
                let existing = [Migration::new(&format!("V{top}__x.sql"), PathBuf::new(), String::new()).unwrap()];
                if let Ok(file) = next_file_name(&existing, &name) {
                    prop_assert_eq!(parse_name(&file).unwrap().0, top + 1);
                }
            }
        }
    }
}
