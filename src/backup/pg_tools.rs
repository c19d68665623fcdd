//! Finding the right `pg_dump` / `pg_restore`: one whose major version matches the server's or
//! is newer, since `pg_dump` refuses servers of a newer major. Candidates come from PATH and
//! Debian's `/usr/lib/postgresql/*/bin`; each one's `--version` is read, not guessed from its
//! directory name (scripts, such as Debian's `pg_wrapper`, only when no binary of the server's
//! exact major was found).

use std::path::{Path, PathBuf};

use super::BackupError;

/// The environment variable that, when set, replaces the search path for the PostgreSQL tools.
pub const BINDIR_ENV: &str = "SCHEMAGATE_PG_BINDIR";

/// The directories searched for PostgreSQL client tools, in order. Injectable so tests can
/// hide the machine's tools or put a wrapper first.
#[derive(Debug, Clone, Default)]
pub struct ToolSearch {
    /// Directories to look in, in order of preference for equal versions.
    pub dirs: Vec<PathBuf>,
}

impl ToolSearch {
    /// `SCHEMAGATE_PG_BINDIR` (a colon-separated list of directories) when it is set: it
    /// replaces the search entirely, for tools installed in unusual places (and for tests
    /// that hide the machine's tools). Otherwise PATH's directories followed by every
    /// `/usr/lib/postgresql/*/bin`.
    pub fn from_env() -> Self {
        if let Some(dirs) = std::env::var_os(BINDIR_ENV) {
            return ToolSearch {
                dirs: std::env::split_paths(&dirs)
                    .filter(|d| !d.as_os_str().is_empty())
                    .collect(),
            };
        }
        let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect())
            .unwrap_or_default();
        if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
            let mut versioned: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path().join("bin"))
                .filter(|p| p.is_dir())
                .collect();
            versioned.sort();
            dirs.extend(versioned);
        }
        ToolSearch { dirs }
    }

    /// Picks `tool` for a server of major `server_major`: the exact major if present, else the
    /// lowest newer one.
    pub fn find(&self, tool: &str, server_major: u32) -> Result<PathBuf, BackupError> {
        self.find_with_version(tool, server_major)
            .map(|(path, _)| path)
    }

    /// Like [`ToolSearch::find`], also returning the tool's `--version` line. Among candidates
    /// of the same major, a real binary wins over a script: Debian's `/usr/bin/pg_dump` is
    /// `pg_wrapper`, a Perl script that re-executes the binary in `/usr/lib/postgresql/N/bin`,
    /// and calling that binary directly saves a Perl start on every call.
    pub fn find_with_version(
        &self,
        tool: &str,
        server_major: u32,
    ) -> Result<(PathBuf, String), BackupError> {
        // One entry per file: on Debian /bin is /usr/bin, and both hold the same pg_wrapper.
        let mut seen = Vec::new();
        let mut binaries = Vec::new();
        let mut scripts = Vec::new();
        for dir in &self.dirs {
            let candidate = dir.join(tool);
            if !is_executable(&candidate) {
                continue;
            }
            let canonical = std::fs::canonicalize(&candidate).unwrap_or(candidate.clone());
            if seen.contains(&canonical) {
                continue;
            }
            seen.push(canonical);
            if is_script(&candidate) {
                scripts.push(candidate);
            } else {
                binaries.push(candidate);
            }
        }
        // Each --version costs a process start, and a script (pg_wrapper is Perl) far more.
        // A script never beats a binary of the same major, so when a binary of exactly the
        // server's major exists, the scripts are not asked.
        let probe = |candidates: Vec<PathBuf>, script: bool| {
            candidates.into_iter().filter_map(move |candidate| {
                let version = tool_version(&candidate)?;
                let major = parse_major(&version)?;
                Some((major, script, candidate, version))
            })
        };
        let mut found: Vec<(u32, bool, PathBuf, String)> = probe(binaries, false).collect();
        if !found.iter().any(|(major, ..)| *major == server_major) {
            found.extend(probe(scripts, true));
        }
        let best = found
            .iter()
            .filter(|(major, ..)| *major >= server_major)
            .min_by_key(|(major, script, ..)| (*major, *script));
        match best {
            Some((_, _, path, version)) => Ok((path.clone(), version.clone())),
            None => {
                let searched = if found.is_empty() && std::env::var_os(BINDIR_ENV).is_some() {
                    format!(
                        "no {tool} in {BINDIR_ENV} ({})",
                        self.dirs
                            .iter()
                            .map(|d| d.display().to_string())
                            .collect::<Vec<_>>()
                            .join(":")
                    )
                } else if found.is_empty() {
                    format!("no {tool} in PATH or /usr/lib/postgresql/*/bin")
                } else {
                    let list: Vec<String> = found
                        .iter()
                        .map(|(m, _, p, _)| format!("{} is {m}", p.display()))
                        .collect();
                    format!("only older ones found ({})", list.join(", "))
                };
                Err(BackupError::ToolNotFound {
                    tool: tool.to_string(),
                    needed_major: server_major,
                    searched,
                    hint: install_hint(server_major),
                })
            }
        }
    }
}

/// How to get a client of `major`, for error messages.
pub fn install_hint(major: u32) -> String {
    format!(
        "install postgresql-client-{major} (Debian/Ubuntu: add the PostgreSQL apt repository, \
         https://wiki.postgresql.org/wiki/Apt, then `apt-get install postgresql-client-{major}`); \
         the schemagate Docker image includes it; or deploy with --no-backup to skip the backup"
    )
}

/// Finds `tool` for a server of major `server_major` in PATH and `/usr/lib/postgresql/*/bin`.
pub fn find_pg_tool(tool: &str, server_major: u32) -> Result<PathBuf, BackupError> {
    ToolSearch::from_env().find(tool, server_major)
}

/// The server's major version from `server_version_num` (150004 -> 15; 90624 -> 9).
pub fn server_major(server_version_num: u32) -> u32 {
    server_version_num / 10000
}

/// Runs `path --version` and reads the major from "pg_dump (PostgreSQL) 15.4 (Debian ...)".
pub fn tool_major(path: &Path) -> Option<u32> {
    tool_version(path).as_deref().and_then(parse_major)
}

/// The first line of `path --version`, if it runs.
pub fn tool_version(path: &Path) -> Option<String> {
    let mut command = std::process::Command::new(path);
    command.arg("--version");
    // The bucket's credentials are schemagate's alone, even for a version probe.
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("AWS_") {
            command.env_remove(key);
        }
    }
    let out = command.output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next().map(|l| l.trim().to_string())
}

fn parse_major(version_line: &str) -> Option<u32> {
    let after = version_line.split(") ").nth(1).unwrap_or(version_line);
    let digits: String = after
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

/// Whether `path` starts with `#!`.
fn is_script(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 2];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .map(|_| &magic == b"#!")
        .unwrap_or(false)
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_majors() {
        assert_eq!(
            parse_major("pg_dump (PostgreSQL) 15.4 (Debian 15.4-1)"),
            Some(15)
        );
        assert_eq!(parse_major("pg_restore (PostgreSQL) 17beta1"), Some(17));
        assert_eq!(parse_major("pg_dump (PostgreSQL) 9.6.24"), Some(9));
        assert_eq!(server_major(150004), 15);
        assert_eq!(server_major(90624), 9);
    }
}
