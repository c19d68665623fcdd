//! Where a dump comes from or a restore goes: the connection settings and how they reach
//! `pg_dump`/`pg_restore`. Everything travels through libpq's environment variables; the
//! password through a passfile that exists only in memory (an anonymous `memfd`, 0600, handed
//! to the child by descriptor and named `/proc/self/fd/N`): no file on disk, so nothing is left
//! behind however we die. The tools die with us too.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::BackupError;

/// The database a dump is taken from or restored into. The integrator builds it from the
/// parsed database URL.
#[derive(Clone)]
pub struct DumpTarget {
    /// Host name, IP address, or socket directory.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Role to connect as.
    pub user: String,
    /// Password; never printed, never in argv.
    pub password: Option<String>,
    /// Database name.
    pub dbname: String,
    /// libpq `sslmode` (`disable`, `prefer`, `require`, `verify-full`, ...).
    pub sslmode: String,
    /// libpq `sslrootcert`.
    pub sslrootcert: Option<PathBuf>,
}

impl std::fmt::Debug for DumpTarget {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DumpTarget")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("dbname", &self.dbname)
            .field("sslmode", &self.sslmode)
            .field("sslrootcert", &self.sslrootcert)
            .finish()
    }
}

/// Make the child die with us. A child outlives a parent that is killed outright (SIGKILL,
/// the OOM killer): `pg_dump` would dump on, holding a share lock on every table, so the next
/// deploy's `ALTER TABLE` waits out its lock timeout behind it; a `pg_restore` would commit a
/// restore nobody is waiting for. `PR_SET_PDEATHSIG` has the kernel kill the child when the
/// thread that started it ends; that thread waits for the child, so it ends first only when
/// the whole process is gone.
pub(crate) fn end_with_us(
    command: &mut std::process::Command,
    inherit: Option<i32>,
) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::CommandExt;
        let parent = std::process::id();
        // SAFETY: `in_child` calls only async-signal-safe functions, as pre_exec requires.
        unsafe {
            command.pre_exec(move || in_child(parent, inherit));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (command, inherit);
    Ok(())
}

/// [`end_with_us`] for a tokio command.
pub(crate) fn end_with_us_tokio(command: &mut tokio::process::Command, inherit: Option<i32>) {
    #[cfg(target_os = "linux")]
    {
        let parent = std::process::id();
        // SAFETY: as in `end_with_us`.
        unsafe {
            command.pre_exec(move || in_child(parent, inherit));
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (command, inherit);
}

/// In the child, between fork and exec: die with `parent`, and keep `inherit` (a [`MemFile`]
/// the caller holds open until the child has been spawned) open across exec. Only prctl,
/// getppid, fcntl and _exit: async-signal-safe.
#[cfg(target_os = "linux")]
fn in_child(parent: u32, inherit: Option<i32>) -> std::io::Result<()> {
    // SAFETY: plain system calls on values we own.
    unsafe {
        if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == -1 {
            return Err(std::io::Error::last_os_error());
        }
        // Killed between fork and prctl: nobody is left to signal us.
        if libc::getppid() as u32 != parent {
            libc::_exit(1);
        }
        if let Some(fd) = inherit
            && libc::fcntl(fd, libc::F_SETFD, 0) == -1
        {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// A file that exists only in memory (the password file, a restore list): an anonymous file
/// with no name on any file system, 0600, gone when the last descriptor closes (ours when this
/// is dropped, the child's when it exits or is killed), so `kill -9` leaves nothing on disk.
/// Close-on-exec for every other child; the one child it is meant for clears that flag on its
/// copy between fork and exec, and opens it as `/proc/self/fd/N`.
pub(crate) struct MemFile {
    fd: std::os::fd::OwnedFd,
}

impl MemFile {
    pub(crate) fn create(what: &'static str, contents: &[u8]) -> Result<Self, BackupError> {
        use std::os::fd::{AsRawFd, FromRawFd};
        let io = |e| BackupError::io("memfd", what, e);
        // SAFETY: a valid NUL-terminated name and flags; the result is checked.
        let raw = unsafe { libc::memfd_create(c"schemagate".as_ptr(), libc::MFD_CLOEXEC) };
        if raw < 0 {
            return Err(io(std::io::Error::last_os_error()));
        }
        // SAFETY: `raw` is a descriptor we just opened and own.
        let fd = unsafe { std::os::fd::OwnedFd::from_raw_fd(raw) };
        // libpq ignores a passfile readable by group or others.
        // SAFETY: fchmod on our own descriptor.
        if unsafe { libc::fchmod(fd.as_raw_fd(), 0o600) } != 0 {
            return Err(io(std::io::Error::last_os_error()));
        }
        let mut file = std::fs::File::from(fd);
        file.write_all(contents).map_err(io)?;
        Ok(MemFile { fd: file.into() })
    }

    /// What the child opens: its own copy of the descriptor.
    pub(crate) fn path(&self) -> String {
        use std::os::fd::AsRawFd;
        format!("/proc/self/fd/{}", self.fd.as_raw_fd())
    }

    pub(crate) fn raw(&self) -> i32 {
        use std::os::fd::AsRawFd;
        self.fd.as_raw_fd()
    }
}

/// Escapes `:` and `\` as libpq's passfile format requires.
fn escape_passfile_field(s: &str) -> String {
    s.replace('\\', "\\\\").replace(':', "\\:")
}

impl DumpTarget {
    /// Builds the command for `program` with the connection in the environment. Inherited
    /// `PG*` (and `AWS_*`) variables are removed first: a stray PGPASSWORD or PGSERVICE would override or
    /// mix with ours. The returned guard must outlive the process.
    pub(crate) fn command(
        &self,
        program: &Path,
        args: Vec<std::ffi::OsString>,
    ) -> Result<(duct::Expression, Option<MemFile>), BackupError> {
        let passfile = match &self.password {
            // Wildcards: the file exists for this one process and this one connection.
            Some(pw) => Some(MemFile::create(
                "create the in-memory password file",
                format!("*:*:*:*:{}\n", escape_passfile_field(pw)).as_bytes(),
            )?),
            None => None,
        };
        let inherit = passfile.as_ref().map(MemFile::raw);
        let mut cmd =
            duct::cmd(program, args).before_spawn(move |command| end_with_us(command, inherit));
        // The bucket's credentials (AWS_*) are schemagate's alone: pg_dump has no use for them.
        for (key, _) in std::env::vars_os() {
            let name = key.to_string_lossy();
            if name.starts_with("PG") || name.starts_with("AWS_") {
                cmd = cmd.env_remove(key);
            }
        }
        cmd = cmd
            .env("PGHOST", &self.host)
            .env("PGPORT", self.port.to_string())
            .env("PGUSER", &self.user)
            .env("PGDATABASE", &self.dbname)
            .env("PGSSLMODE", &self.sslmode)
            .env("PGAPPNAME", "schemagate");
        if let Some(root) = &self.sslrootcert {
            cmd = cmd.env("PGSSLROOTCERT", root);
        }
        if let Some(passfile) = &passfile {
            cmd = cmd.env("PGPASSFILE", passfile.path());
        }
        Ok((cmd, passfile))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_passfile() {
        assert_eq!(escape_passfile_field(r"a:b\c"), r"a\:b\\c");
    }

    #[test]
    fn debug_hides_password() {
        let t = DumpTarget {
            host: "h".into(),
            port: 1,
            user: "u".into(),
            password: Some("hunter2".into()),
            dbname: "d".into(),
            sslmode: "prefer".into(),
            sslrootcert: None,
        };
        assert!(!format!("{t:?}").contains("hunter2"));
    }
}
