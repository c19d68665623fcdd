//! What a deploy would do, decided once: which migrations are pending and how each runs, and
//! whether a backup is taken. `plan`, `deploy --dry-run` and `deploy` all call [`plan`], so
//! what `plan` promises is what `deploy` does, refusals included.

use crate::error::{Error, Result};
use crate::history::{self, Applied, HistoryProblem};
use crate::lint;
use crate::migrations::Migration;
use crate::report::Reporter;

/// The decisions of a deploy, before it changes anything.
#[derive(Debug)]
pub struct Plan<'f> {
    /// The newest applied version before the run.
    pub from_version: Option<i32>,
    /// The migrations to apply, in version order.
    pub pending: Vec<&'f Migration>,
    /// Whether a backup is taken before the first change.
    pub backup: bool,
}

/// How a pending migration runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// Inside the migration transaction.
    InTransaction,
    /// Marked `-- schemagate:no-transaction`: one statement at a time, after the transaction.
    Outside,
}

impl How {
    /// How `m` runs.
    pub fn of(m: &Migration) -> How {
        if m.no_transaction {
            How::Outside
        } else {
            How::InTransaction
        }
    }
}

impl std::fmt::Display for How {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            How::InTransaction => "in the transaction",
            How::Outside => "outside the transaction",
        })
    }
}

/// Decide what a deploy does: the migrations `files` has beyond the history `applied`, or the
/// history problems that refuse the deploy (exit 5). `unfinished` is the no-transaction
/// migration an earlier run left part-way, with that run's message: the deploy goes on only if
/// it is still pending and every statement in it is safe to run again. `backup_wanted`: unless
/// `--no-backup` or `no_backup = true`.
pub fn plan<'f>(
    files: &'f [Migration],
    applied: &[Applied],
    unfinished: Option<&(String, String)>,
    backup_wanted: bool,
    out: &Reporter,
) -> Result<Plan<'f>> {
    let pending = history::pending(files, applied)?;
    refuse_unfinished(unfinished, &pending, out)?;
    Ok(Plan {
        from_version: applied.iter().map(|a| a.version).max(),
        backup: backup_wanted && !pending.is_empty(),
        pending,
    })
}

impl Plan<'_> {
    /// The pending migrations' file names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.pending.iter().map(|m| m.file_name.as_str()).collect()
    }
}

/// After a no-transaction migration failed part-way, go on only if it is still pending and
/// every statement in it is idempotent (`IF [NOT] EXISTS`), so running it again is safe.
fn refuse_unfinished(
    unfinished: Option<&(String, String)>,
    pending: &[&Migration],
    out: &Reporter,
) -> Result<()> {
    let Some((file, message)) = unfinished else {
        return Ok(());
    };
    let Some(m) = pending.iter().find(|m| &m.file_name == file) else {
        return Ok(());
    };
    if lint::split_statements(&m.sql)
        .iter()
        .all(lint::is_idempotent)
    {
        out.warn(&format!(
            "{file} failed part-way in the last run; its statements are idempotent, so it runs again"
        ));
        return Ok(());
    }
    let first_line = message.lines().next().unwrap_or("").to_string();
    Err(Error::History {
        problems: vec![HistoryProblem::Unfinished {
            file: file.clone(),
            message: first_line,
        }],
    })
}
