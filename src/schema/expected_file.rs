//! The expected schema file as a command holds it: read early, parsed when first needed.
//!
//! A deploy with nothing pending whose earlier verification can be reused never parses it,
//! which is most of a no-op deploy's work on a big schema; every other path parses it before
//! the first change, so a malformed file still changes nothing (exit 2). Its exact bytes key a
//! remembered verification (see [`super::fingerprint::verified_key`]).

use std::cell::OnceCell;
use std::path::{Path, PathBuf};

use super::expected::{self, ExpectedError, ExpectedSchema};
use crate::report::Reporter;

/// `migrations/expected_schema.toml`, read but maybe not yet parsed.
#[derive(Debug)]
pub struct ExpectedFile {
    path: PathBuf,
    bytes: Vec<u8>,
    /// The newest migration file's version, to tell when the file is older than them.
    newest_migration: Option<i32>,
    parsed: OnceCell<ExpectedSchema>,
}

impl ExpectedFile {
    /// Reads the file; `None` when there is none. Says nothing: see [`ExpectedFile::say_missing`].
    pub fn read(path: &Path) -> Result<Option<ExpectedFile>, ExpectedError> {
        Ok(expected::read(path)?.map(|bytes| ExpectedFile {
            path: path.to_path_buf(),
            bytes,
            newest_migration: None,
            parsed: OnceCell::new(),
        }))
    }

    /// Says that there is no expected schema file at `path`, and what is checked without it.
    pub fn say_missing(path: &Path, out: &Reporter) {
        out.info(&format!(
            "no expected schema file at {}: only checking that no table vanished (create it with `schemagate snapshot`)",
            path.display()
        ));
    }

    /// The file as the expected schema of migrations whose newest version is `newest`: a file
    /// that reflects an older version is stale (see [`ExpectedFile::stale_warning`]).
    pub fn reflecting(self, newest: Option<i32>) -> ExpectedFile {
        ExpectedFile {
            newest_migration: newest,
            ..self
        }
    }

    /// Where it was read from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its exact bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// What the file requires, parsed on first use.
    pub fn schema(&self) -> Result<&ExpectedSchema, ExpectedError> {
        if let Some(schema) = self.parsed.get() {
            return Ok(schema);
        }
        let schema = expected::parse_bytes(&self.path, &self.bytes)?;
        Ok(self.parsed.get_or_init(|| schema))
    }

    /// A warning when the file reflects an older migration than the newest file.
    pub fn stale_warning(&self) -> Result<Option<String>, ExpectedError> {
        let version = self.schema()?.version;
        Ok(match (version, self.newest_migration) {
            (Some(v), Some(n)) if v < n => Some(format!(
                "the expected schema is older than the migrations (version {v}, newest migration {n}): run `schemagate snapshot`"
            )),
            _ => None,
        })
    }
}
