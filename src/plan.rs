//! What a deploy would do, decided once: which migrations are pending, the steps they run in,
//! and whether a backup is taken. `plan`, `deploy --dry-run` and `deploy` all call [`plan`], so
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
    /// Inside a migration transaction.
    InTransaction,
    /// Marked `-- schemagate:no-transaction`: one statement at a time, in autocommit.
    Outside,
}

/// One step of a deploy: the pending migrations are cut into steps at each no-transaction file,
/// so they run in version order. A step commits only after its checks passed; a failure in
/// step k leaves steps 1 to k-1 applied.
#[derive(Debug, Clone, Copy)]
pub enum Step<'p, 'f> {
    /// Consecutive transactional migrations, in one transaction.
    Transaction(&'p [&'f Migration]),
    /// One no-transaction migration.
    Outside(&'f Migration),
}

impl<'p, 'f> Step<'p, 'f> {
    /// The migrations of the step, in order.
    pub fn migrations(&self) -> &[&'f Migration] {
        match self {
            Step::Transaction(ms) => ms,
            Step::Outside(m) => std::slice::from_ref(m),
        }
    }
}

/// `pending` cut into steps: runs of transactional migrations, and each no-transaction one on its
/// own. With no no-transaction file there is exactly one step: the whole deploy is one
/// transaction.
pub fn steps<'p, 'f>(pending: &'p [&'f Migration]) -> Vec<Step<'p, 'f>> {
    let mut steps = Vec::new();
    let mut start = 0;
    for (i, m) in pending.iter().enumerate() {
        if m.no_transaction {
            if start < i {
                steps.push(Step::Transaction(&pending[start..i]));
            }
            steps.push(Step::Outside(m));
            start = i + 1;
        }
    }
    if start < pending.len() {
        steps.push(Step::Transaction(&pending[start..]));
    }
    steps
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

impl<'f> Plan<'f> {
    /// The pending migrations' file names, in order.
    pub fn names(&self) -> Vec<&str> {
        self.pending.iter().map(|m| m.file_name.as_str()).collect()
    }

    /// The steps the pending migrations run in (see [`steps`]).
    pub fn steps(&self) -> Vec<Step<'_, 'f>> {
        steps(&self.pending)
    }

    /// How each pending migration runs, as `plan` and `deploy --dry-run` print it: with one
    /// step, "in the transaction" or "outside the transaction"; with several, the step too.
    pub fn describe(&self) -> Vec<(&'f Migration, String)> {
        let steps = self.steps();
        let several = steps.len() > 1;
        let mut out = Vec::new();
        for (k, step) in steps.iter().enumerate() {
            for m in step.migrations() {
                let how = How::of(m);
                let text = if several {
                    format!("step {} of {}, {how}", k + 1, steps.len())
                } else {
                    how.to_string()
                };
                out.push((*m, text));
            }
        }
        out
    }

    /// What a failure leaves applied, when the deploy runs in several steps.
    pub fn step_note(&self) -> Option<String> {
        let n = self.steps().len();
        (n > 1).then(|| {
            format!(
                "{n} steps, in version order: each commits before the next starts, so a failure in step k leaves steps 1 to k-1 applied"
            )
        })
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn m(v: i32, notx: bool) -> Migration {
        let sql = if notx {
            "-- schemagate:no-transaction\nselect 1;"
        } else {
            "select 1;"
        };
        Migration::new(&format!("V{v}__m.sql"), PathBuf::new(), sql.into()).unwrap()
    }

    #[test]
    fn steps_cut_at_each_no_transaction_file_in_version_order() {
        let files = [
            m(1, false),
            m(2, false),
            m(3, true),
            m(4, false),
            m(5, true),
            m(6, true),
        ];
        let pending: Vec<&Migration> = files.iter().collect();
        let shape: Vec<Vec<i32>> = steps(&pending)
            .iter()
            .map(|s| s.migrations().iter().map(|m| m.version).collect())
            .collect();
        assert_eq!(shape, [vec![1, 2], vec![3], vec![4], vec![5], vec![6]]);
        let one = [m(1, false), m(2, false)];
        let pending: Vec<&Migration> = one.iter().collect();
        assert_eq!(steps(&pending).len(), 1);
        assert!(steps(&[]).is_empty());
    }
}
