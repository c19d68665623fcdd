//! Ctrl-C and SIGTERM: what a person at a terminal sends, and what `docker stop` and Railway
//! send before they replace a container.
//!
//! Commands that change something listen for both and stop in-band, so the cleanup still runs:
//! the migration transaction is rolled back, the run recorded, the lock released, a scratch
//! database dropped, a partial dump removed. The exit status is the shell's convention for a
//! death by that signal (130, 143). A terminal's Ctrl-C reaches our child processes too, but a
//! SIGTERM sent to us alone does not: `pg_dump` and `pg_restore` would run on, and a restore
//! would commit after we are gone. So running children are tracked here and stopped with us.

use std::sync::Mutex;

use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::error::{Error, Result};

/// The signals a command listens for, installed when it starts.
pub struct Signals {
    interrupt: Signal,
    terminate: Signal,
}

/// Which signal arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Received {
    Interrupt,
    Terminate,
}

impl Received {
    /// The error that ends the command, saying what was left behind.
    pub fn error(self, outcome: impl Into<String>) -> Error {
        let (signal, code) = match self {
            Received::Interrupt => ("SIGINT", 130),
            Received::Terminate => ("SIGTERM", 143),
        };
        Error::Interrupted {
            signal,
            code,
            outcome: outcome.into(),
        }
    }
}

impl Signals {
    /// Start listening; from now on the signals no longer kill the process outright.
    pub fn listen() -> Result<Signals> {
        let install = |kind| {
            signal(kind)
                .map_err(|e| Error::internal(format!("cannot install a signal handler: {e}")))
        };
        Ok(Signals {
            interrupt: install(SignalKind::interrupt())?,
            terminate: install(SignalKind::terminate())?,
        })
    }

    /// Wait for either signal; running child processes are stopped before this returns.
    pub async fn received(&mut self) -> Received {
        let received = tokio::select! {
            _ = self.interrupt.recv() => Received::Interrupt,
            _ = self.terminate.recv() => Received::Terminate,
        };
        stop_children();
        received
    }
}

/// Why a stage run with [`Signals::during`] stopped.
#[derive(Debug)]
pub enum Stop {
    /// It failed on its own.
    Failed(Error),
    /// A signal arrived first; the stage was dropped where it stood.
    Signal(Received),
}

impl From<Error> for Stop {
    fn from(e: Error) -> Stop {
        Stop::Failed(e)
    }
}

impl Signals {
    /// Run `stage` unless a signal arrives first. The caller then decides what the signal
    /// left behind, from the database rather than from the dropped stage.
    pub async fn during<T>(
        &mut self,
        stage: impl std::future::Future<Output = Result<T>>,
    ) -> std::result::Result<T, Stop> {
        tokio::select! {
            r = stage => r.map_err(Stop::Failed),
            s = self.received() => Err(Stop::Signal(s)),
        }
    }
}

static CHILDREN: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// A running child process that is stopped if we are interrupted, until this is dropped.
pub struct Tracked {
    pids: Vec<u32>,
}

/// Track `pids` (of a child just started) until the returned guard is dropped.
pub fn track(pids: Vec<u32>) -> Tracked {
    if let Ok(mut children) = CHILDREN.lock() {
        children.extend(&pids);
    }
    Tracked { pids }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        if let Ok(mut children) = CHILDREN.lock() {
            children.retain(|p| !self.pids.contains(p));
        }
    }
}

fn stop_children() {
    let Ok(children) = CHILDREN.lock() else {
        return;
    };
    for &pid in children.iter() {
        // SAFETY: kill only sends a signal. The pid is a child of ours that was running when
        // it was tracked; it is untracked as soon as it is seen to end.
        unsafe {
            libc::kill(pid as libc::pid_t, libc::SIGTERM);
        }
    }
}

/// Run blocking `work` (a `pg_dump`, a `pg_restore`) on a thread of its own so a signal is
/// seen meanwhile. On a signal the tracked children are stopped and `work` is still waited
/// for, so its own cleanup (a partial file removed) has run when this returns.
pub async fn blocking<T: Send + 'static>(
    signals: &mut Signals,
    work: impl FnOnce() -> T + Send + 'static,
) -> std::result::Result<T, Received> {
    let mut handle = tokio::task::spawn_blocking(work);
    let joined = |r: std::result::Result<T, tokio::task::JoinError>| {
        r.unwrap_or_else(|e| std::panic::resume_unwind(e.into_panic()))
    };
    tokio::select! {
        r = &mut handle => Ok(joined(r)),
        s = signals.received() => {
            let _ = handle.await;
            Err(s)
        }
    }
}
