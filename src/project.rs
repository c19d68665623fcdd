//! The project: everything a command reads from files before it needs the database. The
//! migration files, the expected schema file, the Alembic mapping and the lint policy, each
//! read and checked once.
//!
//! Loading touches nothing but the files, so `deploy` runs it on a thread of its own while the
//! database connection opens. A bad file decides the outcome (exit 2 or 5) before anything is
//! written, and its problems are reported in a fixed order: the migrations first, then the
//! expected schema file.

use std::path::{Path, PathBuf};

use crate::alembic::{self, Mapping};
use crate::config::Settings;
use crate::error::Result;
use crate::lint::LintPolicy;
use crate::migrations::{self, Migration};
use crate::report::Reporter;
use crate::schema::ExpectedFile;

/// What the files say.
#[derive(Debug)]
pub struct Project {
    /// The migrations directory.
    pub dir: PathBuf,
    /// Every migration, in version order.
    pub migrations: Vec<Migration>,
    /// The expected schema file, when there is one (read, parsed when first needed).
    pub expected: Option<ExpectedFile>,
    /// Where the expected schema file is, or would be.
    pub expected_path: PathBuf,
    /// `alembic_revisions.toml`, when the project came from Alembic.
    pub alembic: Option<Mapping>,
    /// The lint's rule levels.
    pub policy: LintPolicy,
}

impl Project {
    /// Read the files the settings name. When there is no expected schema file, says so once.
    pub fn load(settings: &Settings, out: &Reporter) -> Result<Project> {
        let project = Project::load_quietly(settings)?;
        if project.expected.is_none() {
            ExpectedFile::say_missing(&project.expected_path, out);
        }
        Ok(project)
    }

    /// [`Project::load`] without a word: the caller says what is missing when it is its turn.
    pub fn load_quietly(settings: &Settings) -> Result<Project> {
        // The expected file is read first, but its problems are told after the migrations'.
        let expected = ExpectedFile::read(&settings.expected);
        let migrations = migrations::load(&settings.migrations)?;
        let newest = migrations.iter().map(|m| m.version).max();
        let expected = expected?.map(|file| file.reflecting(newest));
        let alembic = alembic::load(&settings.migrations)?;
        Ok(Project {
            dir: settings.migrations.clone(),
            migrations,
            expected,
            expected_path: settings.expected.clone(),
            alembic,
            policy: settings.lint_policy.clone(),
        })
    }

    /// Where the Alembic mapping is, or would be.
    pub fn alembic_path(&self) -> PathBuf {
        self.dir.join(alembic::MAPPING_FILE)
    }

    /// The newest migration's version.
    pub fn newest_version(&self) -> Option<i32> {
        self.migrations.iter().map(|m| m.version).max()
    }

    /// The migrations directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}
