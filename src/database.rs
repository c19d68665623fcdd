//! The database as a deploy first sees it: connected, locked, and read.
//!
//! [`open`] connects (waiting while the server starts), takes the migration lock and reads what
//! every deploy needs: the history, what the last runs left, and the catalog fingerprint when
//! there is an expected file. The first try for the lock and the reads share one round trip;
//! when another deploy holds the lock, it waits for it (saying so), then reads again, since that
//! deploy may have changed everything.

use std::time::Duration;

use tokio_postgres::Client;

use crate::connect;
use crate::error::{Error, Result};
use crate::history::{self, Applied, HISTORY_TABLE};
use crate::lock::Lock;
use crate::report::Reporter;
use crate::runs::{self, Previous};
use crate::schema::fingerprint::fingerprint;
use crate::url::DbUrl;

/// A connection holding the migration lock.
pub struct Database {
    pub client: Client,
    pub lock: Lock,
}

/// What the database says under the lock, before anything is decided.
#[derive(Debug)]
pub struct State {
    /// The history table's rows.
    pub applied: Vec<Applied>,
    /// What earlier runs left: an unfinished migration, the last clean verification.
    pub previous: Previous,
    /// The catalog fingerprint, read when there is an expected file (a no-op deploy needs it).
    pub fingerprint: Option<String>,
}

/// How to open the database.
#[derive(Debug, Clone, Copy)]
pub struct Open<'a> {
    pub url: &'a DbUrl,
    /// How long to wait for the server.
    pub wait: Duration,
    /// How long to wait for another deploy's lock.
    pub lock_wait: Duration,
    /// Whether to read the catalog fingerprint.
    pub with_fingerprint: bool,
}

/// A connection that tried the lock once, with what it read meanwhile.
pub struct Opened {
    client: Client,
    lock: Option<Lock>,
    state: Result<State>,
    how: (Duration, bool),
}

/// Connect, try the lock once and read the state. The first "waiting" line (for the server)
/// waits for `go_on`: a deploy reads its files meanwhile, and a bad file must be all it
/// reports, not a word about a database it never needed. Waiting for a lock another deploy
/// holds is [`Opened::locked`]'s, for the same reason.
pub async fn open(
    how: Open<'_>,
    go_on: impl std::future::Future<Output = ()>,
    out: &Reporter,
) -> Result<Opened> {
    let client = connect::connect_holding_reports(how.url, how.wait, go_on, out).await?;
    // The server runs the statements in the order they were sent (`biased`: the lock's first),
    // so when the lock was free the reads ran under it.
    let (lock, state) = tokio::join!(
        biased;
        Lock::try_acquire(&client, HISTORY_TABLE),
        read_state(&client, how.with_fingerprint)
    );
    Ok(Opened {
        client,
        lock: lock?,
        state,
        how: (how.lock_wait, how.with_fingerprint),
    })
}

impl Opened {
    /// The database under the lock: at once when the first try got it; otherwise after
    /// waiting for the deploy that holds it (saying so), reading again what it may have changed.
    pub async fn locked(self, out: &Reporter) -> Result<(Database, State)> {
        let Opened {
            client,
            lock,
            state,
            how: (lock_wait, with_fingerprint),
        } = self;
        let (lock, state) = match lock {
            Some(lock) => (lock, state),
            None => {
                let lock = Lock::acquire(&client, HISTORY_TABLE, lock_wait, out).await?;
                (lock, read_state(&client, with_fingerprint).await)
            }
        };
        Ok((Database { client, lock }, state?))
    }
}

/// One round trip: the queries are pipelined.
async fn read_state(client: &Client, with_fingerprint: bool) -> Result<State> {
    let fingerprint = async {
        if with_fingerprint {
            Some(fingerprint(client).await)
        } else {
            None
        }
    };
    let (applied, previous, fingerprint) =
        tokio::join!(history::read(client), runs::previous(client), fingerprint);
    let applied = applied?;
    let fingerprint = fingerprint
        .transpose()
        .map_err(|e| Error::database("reading the catalog fingerprint", &e))?;
    Ok(State {
        applied,
        previous,
        fingerprint,
    })
}

/// `SHOW server_version_num` as a number.
pub async fn server_version_num(client: &Client) -> Result<i32> {
    let row = client
        .query_typed_one("SELECT current_setting('server_version_num')::int4", &[])
        .await
        .map_err(|e| Error::database("reading the server version", &e))?;
    Ok(row.get(0))
}
