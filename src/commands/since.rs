//! `--since REF`: which migration files a branch added or changed, as a pull-request gate
//! needs them. Asks `git`: the files that differ between the working tree and the point where
//! the branch left REF (`git merge-base REF HEAD`, so what REF gained since is not counted),
//! plus files git does not track yet. The rest of the directory is the older history.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::error::{Error, Result};
use crate::migrations::Migration;

/// Run `git ARGS` in the working directory; its stdout, or exit 2 with what git said.
fn git(args: &[&str]) -> Result<String> {
    let output = Command::new("git").args(args).output().map_err(|e| {
        Error::Config(format!(
            "--since needs git, which could not be started: {e}\nhint: install git, or lint the new files by name: schemagate lint FILES"
        ))
    })?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        let said = said.lines().next().unwrap_or("").trim();
        return Err(Error::Config(format!(
            "git {} failed: {said}",
            args.join(" ")
        )));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The files in `dir` that were added or changed since `reference`, as canonical paths.
pub fn changed_since(reference: &str, dir: &Path) -> Result<BTreeSet<PathBuf>> {
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(top.trim());
    let base = git(&["merge-base", reference, "HEAD"]).map_err(|e| {
        Error::Config(format!(
            "--since {reference}: {e}\nhint: the reference must be a commit this clone has; in CI fetch the base branch too (actions/checkout with fetch-depth: 0)"
        ))
    })?;
    let dir = dir.to_string_lossy();
    let changed = git(&[
        "diff",
        "--name-only",
        "--no-renames",
        "--diff-filter=AM",
        "-z",
        base.trim(),
        "--",
        &dir,
    ])?;
    let untracked = git(&[
        "ls-files",
        "--others",
        "--exclude-standard",
        "--full-name",
        "-z",
        "--",
        &dir,
    ])?;
    Ok(changed
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .filter_map(|p| top.join(p).canonicalize().ok())
        .collect())
}

/// Whether migration `m` is among `changed`.
pub fn is_changed(m: &Migration, changed: &BTreeSet<PathBuf>) -> bool {
    m.path
        .canonicalize()
        .is_ok_and(|path| changed.contains(&path))
}
