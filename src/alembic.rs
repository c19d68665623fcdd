//! Adopting a database that Alembic migrated.
//!
//! `scripts/alembic-to-sql` turns an Alembic history into `V{n}__{slug}.sql` files and writes
//! `alembic_revisions.toml` beside them: the version each revision became, and the revisions
//! each one revises. A database that Alembic kept has Alembic's version table and no
//! schemagate history. On such a database [`adopt`] baselines at the version mapped from the
//! revision in the version table: it records migrations 1 to that version as applied without
//! running them, as `schemagate baseline` does, and the deploy goes on with the later ones.
//!
//! The baseline is committed on its own, before the lint and the backup of the deploy: it only
//! writes down what Alembic already did, so it stays true whatever happens next. A revision the
//! mapping does not know, and a database whose applied revisions are not exactly the first
//! versions (an unmerged branch), are history problems (exit 5) and change nothing.
//!
//! While the mapping exists, every deploy keeps Alembic's version table in step
//! ([`keep_in_step`]): in the transaction that applies them, it moves to the revision of the
//! newest applied migration that has one. Rolling back to the image that still runs `alembic
//! upgrade head` then finds Alembic at head, instead of running again what schemagate applied.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use tokio_postgres::types::Type;
use tokio_postgres::{Client, GenericClient};

use crate::error::{Error, Result};
use crate::history::{self, Applied, HistoryProblem};
use crate::migrations::Migration;
use crate::report::Reporter;

/// The mapping file's name, in the migrations directory.
pub const MAPPING_FILE: &str = "alembic_revisions.toml";

/// Alembic's default version table.
const DEFAULT_VERSION_TABLE: &str = "alembic_version";

/// `alembic_revisions.toml`: Alembic revision id to schemagate version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// Where it was read from, for messages.
    pub path: PathBuf,
    /// Alembic's version table (env.py's `version_table`).
    pub version_table: String,
    /// Its schema (env.py's `version_table_schema`); the search path when `None`.
    pub version_table_schema: Option<String>,
    /// Every revision of the converted history.
    pub revisions: BTreeMap<String, Revision>,
}

/// One converted revision.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// The version of its migration file.
    pub version: i32,
    /// The revisions it revises or depends on: applied before it.
    #[serde(default)]
    pub down_revisions: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    version_table: Option<String>,
    version_table_schema: Option<String>,
    #[serde(default)]
    revisions: BTreeMap<String, Revision>,
}

/// Read `<dir>/alembic_revisions.toml`; `None` when there is none. A malformed file is exit 2
/// naming the line.
pub fn load(dir: &Path) -> Result<Option<Mapping>> {
    let path = dir.join(MAPPING_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(Error::File {
                path,
                cause: format!("cannot read the Alembic mapping: {e}"),
            });
        }
    };
    let raw: RawMapping = toml::from_str(&text).map_err(|e| Error::File {
        path: path.clone(),
        cause: crate::text::toml_error(&text, &e),
    })?;
    let mapping = Mapping {
        path,
        version_table: raw
            .version_table
            .unwrap_or_else(|| DEFAULT_VERSION_TABLE.to_string()),
        version_table_schema: raw.version_table_schema,
        revisions: raw.revisions,
    };
    mapping.validate().map_err(|cause| Error::File {
        path: mapping.path.clone(),
        cause,
    })?;
    Ok(Some(mapping))
}

impl Mapping {
    /// Versions unique and positive, every down revision listed.
    fn validate(&self) -> std::result::Result<(), String> {
        let mut by_version: BTreeMap<i32, &str> = BTreeMap::new();
        for (id, revision) in &self.revisions {
            if revision.version < 1 {
                return Err(format!(
                    "revision {id}: version {} is not a migration version (1 or more)",
                    revision.version
                ));
            }
            if let Some(other) = by_version.insert(revision.version, id) {
                return Err(format!(
                    "revisions {other} and {id} both map to version {}",
                    revision.version
                ));
            }
            if let Some(down) = revision
                .down_revisions
                .iter()
                .find(|d| !self.revisions.contains_key(*d))
            {
                return Err(format!(
                    "revision {id} revises {down}, which the file does not list"
                ));
            }
        }
        Ok(())
    }

    /// The revision of the newest migration up to `version` that has one.
    fn revision_up_to(&self, version: i32) -> Option<&str> {
        self.revisions
            .iter()
            .filter(|(_, r)| r.version <= version)
            .max_by_key(|(_, r)| r.version)
            .map(|(id, _)| id.as_str())
    }

    /// The version table as `to_regclass` reads it, every part quoted.
    fn version_table_regclass(&self) -> String {
        let quote = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
        match &self.version_table_schema {
            Some(schema) => format!("{}.{}", quote(schema), quote(&self.version_table)),
            None => quote(&self.version_table),
        }
    }

    /// The version to baseline at for a database whose version table holds `heads`, checked
    /// against the migration files: every version up to it must be an applied revision with a
    /// file, and every file up to it must be in the mapping.
    pub fn baseline_version(
        &self,
        heads: &[String],
        files: &[Migration],
    ) -> std::result::Result<i32, HistoryProblem> {
        if let Some(unknown) = heads.iter().find(|h| !self.revisions.contains_key(*h)) {
            return Err(HistoryProblem::UnknownAlembicRevision {
                revision: unknown.clone(),
                mapping: self.path.display().to_string(),
            });
        }
        let not_adoptable = |cause: String| HistoryProblem::AlembicNotAdoptable {
            revisions: heads.to_vec(),
            cause,
        };
        let applied = self.ancestors(heads);
        let version = applied
            .iter()
            .map(|id| self.revisions[id].version)
            .max()
            .unwrap_or(0);
        // Recording 1..=version as applied is true only if those are exactly what Alembic ran.
        if let Some((id, r)) = self
            .revisions
            .iter()
            .filter(|(id, r)| r.version <= version && !applied.contains(*id))
            .min_by_key(|(_, r)| r.version)
        {
            return Err(not_adoptable(format!(
                "version {} (revision {id}) comes before version {version} but was never applied to this database (a branch that was not merged into it)",
                r.version
            )));
        }
        let file_versions: BTreeSet<i32> = files.iter().map(|m| m.version).collect();
        if let Some((id, r)) = self
            .revisions
            .iter()
            .filter(|(_, r)| r.version <= version && !file_versions.contains(&r.version))
            .min_by_key(|(_, r)| r.version)
        {
            return Err(not_adoptable(format!(
                "version {} (revision {id}) has no migration file",
                r.version
            )));
        }
        let mapped: BTreeSet<i32> = self.revisions.values().map(|r| r.version).collect();
        if let Some(m) = files
            .iter()
            .find(|m| m.version <= version && !mapped.contains(&m.version))
        {
            return Err(not_adoptable(format!(
                "{} is not an Alembic revision in {}, yet its version is not above the database's ({version})",
                m.file_name,
                self.path.display()
            )));
        }
        Ok(version)
    }

    /// `heads` and every revision before them.
    fn ancestors(&self, heads: &[String]) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = heads.iter().map(String::as_str).collect();
        while let Some(id) = stack.pop() {
            if seen.insert(id.to_string())
                && let Some(r) = self.revisions.get(id)
            {
                stack.extend(r.down_revisions.iter().map(String::as_str));
            }
        }
        seen
    }
}

/// With no schemagate history, a database that Alembic migrated and a mapping file: record the
/// migrations Alembic already ran as applied (under the caller's lock), say so, and return the
/// history as it now is. With `dry_run`, say what would be recorded and return the history as it
/// would be, changing nothing. Otherwise `applied` comes back untouched, after a warning when
/// the database has Alembic's table and no mapping (expected at `mapping_path`) says what it
/// means.
pub async fn adopt(
    client: &mut Client,
    mapping: Option<&Mapping>,
    mapping_path: &Path,
    files: &[Migration],
    applied: Vec<Applied>,
    dry_run: bool,
    out: &Reporter,
) -> Result<Vec<Applied>> {
    // The every-deploy path: a database with a history costs nothing here.
    if !applied.is_empty() {
        return Ok(applied);
    }
    let Some(mapping) = mapping else {
        if !files.is_empty() {
            warn_if_migrated_by_alembic(client, mapping_path, out).await?;
        }
        return Ok(applied);
    };
    let Some(adoption) = Adoption::read(&*client, mapping, files, out).await? else {
        return Ok(applied);
    };
    let Adoption { said, range, .. } = &adoption;
    if dry_run {
        out.info(&format!(
            "dry run: would adopt the Alembic database: {said}; would record {range} as applied without running them"
        ));
        return Ok(adoption.applied(files, "(not yet: dry run)"));
    }
    let chosen: Vec<&Migration> = files
        .iter()
        .filter(|m| m.version <= adoption.version)
        .collect();
    history::record_as_applied(client, &chosen, out).await?;
    out.info(&format!(
        "adopted the Alembic database: {said}; recorded {range} as applied without running them"
    ));
    history::read(&*client).await
}

/// What the first deploy will do to a database Alembic migrated that has no schemagate history
/// yet: record versions 1 to `version` as applied.
#[derive(Debug, Clone)]
pub struct Adoption {
    /// The revisions in Alembic's version table.
    pub revisions: Vec<String>,
    /// The version they map to.
    pub version: i32,
    /// "alembic_version says revision X, which ... maps to version N".
    pub said: String,
    /// "versions 1 to N".
    pub range: String,
}

impl Adoption {
    /// The adoption a deploy would make now, for a database without history (`applied`
    /// empty) and a mapping; `None` when there is nothing to adopt. A mapping that does not
    /// fit the database is exit 5, as for the deploy.
    pub async fn pending(
        client: &Client,
        mapping: Option<&Mapping>,
        files: &[Migration],
        applied: &[Applied],
        out: &Reporter,
    ) -> Result<Option<Adoption>> {
        match mapping {
            Some(mapping) if applied.is_empty() => {
                Adoption::read(client, mapping, files, out).await
            }
            _ => Ok(None),
        }
    }

    async fn read(
        client: &Client,
        mapping: &Mapping,
        files: &[Migration],
        out: &Reporter,
    ) -> Result<Option<Adoption>> {
        let Some(heads) = version_table_heads(client, &mapping.version_table_regclass()).await?
        else {
            return Ok(None);
        };
        if heads.is_empty() {
            out.info(&format!(
                "{} is empty (Alembic at base): nothing to adopt, every migration is pending",
                mapping.version_table
            ));
            return Ok(None);
        }
        let version = mapping
            .baseline_version(&heads, files)
            .map_err(|p| Error::History { problems: vec![p] })?;
        let count = files.iter().filter(|m| m.version <= version).count();
        let range = match count {
            1 => format!("version {version}"),
            _ => format!("versions 1 to {version}"),
        };
        let said = format!(
            "{} says revision {}, which {} maps to version {version}",
            mapping.version_table,
            heads.join(", "),
            mapping.path.display()
        );
        Ok(Some(Adoption {
            revisions: heads,
            version,
            said,
            range,
        }))
    }

    /// The history as it will be after the adoption, each row's time `applied_on`.
    pub fn applied(&self, files: &[Migration], applied_on: &str) -> Vec<Applied> {
        files
            .iter()
            .filter(|m| m.version <= self.version)
            .map(|m| Applied {
                version: m.version,
                name: m.name.clone(),
                applied_on: applied_on.into(),
                checksum: m.checksum,
                statements: None,
            })
            .collect()
    }

    /// What `status` and `lint` say about it: the database is not switched yet.
    pub fn not_yet(&self) -> String {
        format!(
            "not yet switched from Alembic: {}; the next deploy adopts it, recording {} as applied without running them",
            self.said, self.range
        )
    }
}

/// Alembic's version table for [`keep_in_step`], found before any migration runs (a migration
/// may change the `search_path`): its schema-qualified name, or `None` when the database has
/// none (it was never Alembic's, and there is nothing to keep in step).
#[derive(Debug, Clone)]
pub struct VersionTable<'m> {
    pub mapping: &'m Mapping,
    /// `schema.table`, quoted as needed.
    pub table: String,
}

impl<'m> VersionTable<'m> {
    /// Find the mapping's version table on the database.
    pub async fn find(client: &Client, mapping: &'m Mapping) -> Result<Option<VersionTable<'m>>> {
        let regclass = mapping.version_table_regclass();
        let rows = client
            .query_typed(
                "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_catalog.pg_class c \
                 JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)",
                &[(&regclass, Type::TEXT)],
            )
            .await
            .map_err(|e| Error::database("reading Alembic's version table", &e))?;
        Ok(rows.first().map(|row| VersionTable {
            mapping,
            table: row.get(0),
        }))
    }
}

/// Move Alembic's version table to the revision of the newest migration up to `version` that
/// has one, inside the caller's transaction, so that it commits or rolls back with the
/// migrations. Nothing happens when no migration up to `version` is a revision. Returns the
/// revision when the table changed.
pub async fn keep_in_step(
    client: &impl GenericClient,
    versions: &VersionTable<'_>,
    version: i32,
) -> std::result::Result<Option<String>, tokio_postgres::Error> {
    let Some(revision) = versions.mapping.revision_up_to(version) else {
        return Ok(None);
    };
    let table = &versions.table;
    // One row, the revision: what Alembic itself leaves at a single head. The DELETE and the
    // INSERT see the table as it was, so a table already there writes nothing.
    let inserted = client
        .query_typed(
            &format!(
                "WITH gone AS (DELETE FROM {table} WHERE version_num <> $1) \
                 INSERT INTO {table} (version_num) SELECT $1 \
                 WHERE NOT EXISTS (SELECT FROM {table} WHERE version_num = $1) RETURNING 1"
            ),
            &[(&revision, Type::TEXT)],
        )
        .await?;
    Ok((!inserted.is_empty()).then(|| revision.to_string()))
}

/// What [`keep_in_step`] will do once versions up to `version` are applied, for `plan` and
/// `deploy --dry-run`: the revision Alembic's version table moves to, when it moves.
pub async fn planned_move(
    client: &Client,
    mapping: &Mapping,
    version: i32,
) -> Result<Option<String>> {
    let Some(revision) = mapping.revision_up_to(version) else {
        return Ok(None);
    };
    let heads = version_table_heads(client, &mapping.version_table_regclass()).await?;
    Ok(match heads {
        Some(heads) if heads != [revision] => Some(revision.to_string()),
        _ => None,
    })
}

/// The revisions in Alembic's version table, `None` when there is no such table.
async fn version_table_heads(client: &Client, regclass: &str) -> Result<Option<Vec<String>>> {
    let read = |e: tokio_postgres::Error| Error::database("reading Alembic's version table", &e);
    let table: Option<String> = client
        .query_typed_one("SELECT to_regclass($1)::text", &[(&regclass, Type::TEXT)])
        .await
        .map_err(read)?
        .get(0);
    let Some(table) = table else {
        return Ok(None);
    };
    let rows = client
        .query_typed(
            &format!("SELECT version_num::text FROM {table} ORDER BY 1"),
            &[],
        )
        .await
        .map_err(read)?;
    Ok(Some(rows.iter().map(|r| r.get(0)).collect()))
}

/// Without a mapping, every migration of a database Alembic built counts as pending and runs
/// against tables that are already there: say so before that happens.
async fn warn_if_migrated_by_alembic(
    client: &Client,
    mapping_path: &Path,
    out: &Reporter,
) -> Result<()> {
    let quoted = format!("\"{DEFAULT_VERSION_TABLE}\"");
    if let Some(heads) = version_table_heads(client, &quoted).await?
        && !heads.is_empty()
    {
        out.warn(&format!(
            "this database was migrated by Alembic ({DEFAULT_VERSION_TABLE} is at {}) and has no schemagate history, but {} is missing: every migration counts as pending and runs against the tables Alembic made\nhint: write the mapping with scripts/alembic-to-sql (README: \"Moving over from Alembic\"), or record what is there with `schemagate baseline VERSION`",
            heads.join(", "),
            mapping_path.display()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mapping(revisions: &[(&str, i32, &[&str])]) -> Mapping {
        Mapping {
            path: PathBuf::from("migrations/alembic_revisions.toml"),
            version_table: DEFAULT_VERSION_TABLE.into(),
            version_table_schema: None,
            revisions: revisions
                .iter()
                .map(|(id, version, down)| {
                    let revision = Revision {
                        version: *version,
                        down_revisions: down.iter().map(|d| d.to_string()).collect(),
                    };
                    (id.to_string(), revision)
                })
                .collect(),
        }
    }

    fn files(versions: std::ops::RangeInclusive<i32>) -> Vec<Migration> {
        versions
            .map(|v| {
                Migration::new(&format!("V{v}__m.sql"), PathBuf::new(), String::new()).unwrap()
            })
            .collect()
    }

    fn heads(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    /// base -> a -> {b1 -> c1, b2} -> merge, numbered as alembic-to-sql does.
    fn branched() -> Mapping {
        mapping(&[
            ("a", 1, &[]),
            ("b1", 2, &["a"]),
            ("c1", 3, &["b1"]),
            ("b2", 4, &["a"]),
            ("m", 5, &["c1", "b2"]),
        ])
    }

    #[test]
    fn a_linear_history_baselines_at_the_mapped_version() {
        let m = mapping(&[("a", 1, &[]), ("b", 2, &["a"]), ("c", 3, &["b"])]);
        assert_eq!(m.baseline_version(&heads(&["b"]), &files(1..=3)), Ok(2));
        assert_eq!(m.baseline_version(&heads(&["c"]), &files(1..=5)), Ok(3));
    }

    #[test]
    fn an_unknown_revision_is_named() {
        let m = mapping(&[("a", 1, &[])]);
        let p = m
            .baseline_version(&heads(&["deadbeef"]), &files(1..=1))
            .unwrap_err();
        assert_eq!(
            p,
            HistoryProblem::UnknownAlembicRevision {
                revision: "deadbeef".into(),
                mapping: "migrations/alembic_revisions.toml".into()
            }
        );
        assert!(p.to_string().contains("deadbeef"), "{p}");
    }

    #[test]
    fn branches_adopt_only_when_the_applied_revisions_are_the_first_versions() {
        let m = branched();
        // The first branch, before the merge: versions 1 to 3 are exactly what ran.
        assert_eq!(m.baseline_version(&heads(&["c1"]), &files(1..=5)), Ok(3));
        // Both branches: all four ran.
        assert_eq!(
            m.baseline_version(&heads(&["c1", "b2"]), &files(1..=5)),
            Ok(4)
        );
        assert_eq!(m.baseline_version(&heads(&["m"]), &files(1..=5)), Ok(5));
        // The second branch alone: versions 2 and 3 never ran there.
        let p = m
            .baseline_version(&heads(&["b2"]), &files(1..=5))
            .unwrap_err();
        assert!(
            matches!(&p, HistoryProblem::AlembicNotAdoptable { cause, .. } if cause.contains("version 2 (revision b1)")),
            "{p}"
        );
    }

    #[test]
    fn files_and_mapping_must_agree_up_to_the_baseline() {
        let m = mapping(&[("a", 1, &[]), ("b", 2, &["a"])]);
        let p = m
            .baseline_version(&heads(&["b"]), &files(1..=1))
            .unwrap_err();
        assert!(
            p.to_string()
                .contains("version 2 (revision b) has no migration file"),
            "{p}"
        );
        let m = mapping(&[("a", 1, &[]), ("c", 3, &["a"])]);
        let p = m
            .baseline_version(&heads(&["c"]), &files(1..=3))
            .unwrap_err();
        assert!(
            p.to_string()
                .contains("V2__m.sql is not an Alembic revision"),
            "{p}"
        );
    }

    #[test]
    fn a_malformed_mapping_names_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(MAPPING_FILE);
        std::fs::write(
            &path,
            "[revisions]\n\"a\" = { version = 1 }\n\"b\" = { version = \"2\" }\n",
        )
        .unwrap();
        let e = load(dir.path()).unwrap_err().to_string();
        assert!(e.contains(MAPPING_FILE) && e.contains("line 3"), "{e}");
        std::fs::write(&path, "[revisions]\n\"a\" = { version = 1 }\n\"b\" = { version = 1, down_revisions = [\"a\"] }\n").unwrap();
        let e = load(dir.path()).unwrap_err().to_string();
        assert!(e.contains("revisions a and b both map to version 1"), "{e}");
        std::fs::write(
            &path,
            "[revisions]\n\"b\" = { version = 2, down_revisions = [\"a\"] }\n",
        )
        .unwrap();
        let e = load(dir.path()).unwrap_err().to_string();
        assert!(
            e.contains("revision b revises a, which the file does not list"),
            "{e}"
        );
        std::fs::write(&path, "version_table = \"av\"\nversion_table_schema = \"ops\"\n[revisions]\n\"a\" = { version = 1, down_revisions = [] }\n").unwrap();
        let m = load(dir.path()).unwrap().unwrap();
        assert_eq!(m.version_table_regclass(), "\"ops\".\"av\"");
        assert!(load(&dir.path().join("nowhere")).unwrap().is_none());
    }
}
