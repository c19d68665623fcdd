//! The database as a deploy first sees it: connected, locked, and read.
//!
//! [`open`] connects (waiting while the server starts), takes the migration lock and reads what
//! every deploy needs: the history, what the last runs left, and the catalog fingerprint when
//! there is an expected file. Before the lock, [`pooler::probe`] makes sure the connection is a
//! session of its own (a transaction-mode pooler is refused). The first try for the lock and
//! the reads share one round trip; when another deploy holds the lock, it waits for it (saying
//! so) without holding a connection: the leader's `pg_dump` needs one, and a server with a small
//! `max_connections` or a pooler with a small pool may have no other. It polls with short-lived
//! connections, then reads again, since that deploy may have changed everything.

use std::time::{Duration, Instant};

use tokio_postgres::Client;

use crate::connect;
use crate::error::{Error, Result};
use crate::history::{self, Applied, HISTORY_TABLE};
use crate::lock::{self, Lock};
use crate::pooler;
use crate::report::Reporter;
use crate::runs::{self, Previous};
use crate::schema::fingerprint::fingerprint;
use crate::url::DbUrl;

/// A connection holding the migration lock.
pub struct Database {
    pub client: Client,
    pub lock: Lock,
    /// What is between us and PostgreSQL.
    pub path: pooler::Path,
}

impl Database {
    /// Through a pooler, whether this is still the session that took the lock
    /// ([`pooler::check_pinned`]); when it is not, the lock is released (wherever it is) and
    /// the pooler refused, before anything changed.
    pub async fn pinned(&self, url: &DbUrl) -> Result<()> {
        pooler::check_pinned(url, &self.client, self.path, &self.lock).await
    }

    /// The database and its state; when the state could not be read, the lock is released
    /// now: through a pooler, closing the connection may not end the server session.
    async fn with(self, state: Result<State>) -> Result<(Database, State)> {
        match state {
            Ok(state) => Ok((self, state)),
            Err(e) => {
                self.lock.release(&self.client).await;
                Err(e)
            }
        }
    }

    /// [`Database::pinned`], releasing the lock when it fails.
    pub async fn pinned_or_release(self, url: &DbUrl) -> Result<Database> {
        match self.pinned(url).await {
            Ok(()) => Ok(self),
            Err(e) => {
                self.lock.release(&self.client).await;
                Err(e)
            }
        }
    }
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
    url: DbUrl,
    path: pooler::Path,
    /// The server process the probe saw: a session pooler keeps it for the whole session.
    first_pid: i32,
    how: (Duration, Duration, bool),
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
    // The lock's first try and the reads go with the probe's first statement, in the order
    // sent: when the lock was free the reads ran under it.
    let probed = pooler::connect_with(how.url, how.wait, go_on, out, async |client| {
        tokio::join!(
            biased;
            Lock::try_acquire(client, HISTORY_TABLE),
            read_state(client, how.with_fingerprint)
        )
    })
    .await?;
    let pooler::Probed {
        client,
        path,
        pid: first_pid,
        along: (lock, state),
    } = probed;
    let path = match path {
        Ok(path) => path,
        Err(refused) => {
            // A lock taken through a transaction pooler stays on a pooled connection.
            if let Ok(Some(lock)) = lock {
                lock.release(&client).await;
            }
            return Err(refused);
        }
    };
    Ok(Opened {
        client,
        lock: lock.map_err(|e| pooler::with_url(e, how.url))?,
        state,
        url: how.url.clone(),
        path,
        first_pid,
        how: (how.wait, how.lock_wait, how.with_fingerprint),
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
            url,
            path,
            first_pid,
            how: (wait, lock_wait, with_fingerprint),
        } = self;
        match lock {
            Some(lock) => {
                if path != pooler::Path::Direct && lock.pid() != first_pid {
                    let moved = format!(
                        "two statements of one connection ran in two server processes ({first_pid}, then {})",
                        lock.pid()
                    );
                    lock.release(&client).await;
                    return Err(pooler::transaction_pooling(&url, &moved));
                }
                let db = Database { client, lock, path }
                    .pinned_or_release(&url)
                    .await?;
                db.with(state).await
            }
            None => {
                let holder = lock::holder(&client, lock::key(HISTORY_TABLE)).await;
                drop(client);
                let (client, lock) = wait_for_lock(&url, wait, lock_wait, holder, out).await?;
                let db = Database { client, lock, path }
                    .pinned_or_release(&url)
                    .await?;
                let state = read_state(&db.client, with_fingerprint).await;
                db.with(state).await
            }
        }
    }
}

/// The migration lock for a command (`restore`, `baseline`, `repair`) on `client`: at once when
/// free; otherwise waited for like a deploy waits, without holding a connection meanwhile (the
/// connection returned is then a new one).
pub async fn take_lock(
    client: Client,
    url: &DbUrl,
    wait: Duration,
    lock_wait: Duration,
    out: &Reporter,
) -> Result<(Client, Lock)> {
    let tried = Lock::try_acquire(&client, HISTORY_TABLE).await;
    if let Some(lock) = tried.map_err(|e| pooler::with_url(e, url))? {
        return Ok((client, lock));
    }
    let holder = lock::holder(&client, lock::key(HISTORY_TABLE)).await;
    drop(client);
    wait_for_lock(url, wait, lock_wait, holder, out).await
}

/// Poll for the lock another deploy holds, each try on a connection of its own that is closed
/// before the pause: a waiting replica holds no connection. Within `lock_wait`; each connection
/// waits for the server (or a free slot) within `wait`.
async fn wait_for_lock(
    url: &DbUrl,
    wait: Duration,
    lock_wait: Duration,
    holder: String,
    out: &Reporter,
) -> Result<(Client, Lock)> {
    out.info(&format!(
        "waiting for the migration lock, held by pid {holder}"
    ));
    let start = Instant::now();
    let mut delay = Duration::from_millis(100);
    let mut holder = holder;
    loop {
        let elapsed = start.elapsed();
        if elapsed >= lock_wait {
            return Err(Error::LockTimeout {
                waited: lock_wait,
                holder,
            });
        }
        // The last sleep ends at the deadline, for one more try there.
        tokio::time::sleep(delay.min(lock_wait - elapsed)).await;
        delay = (delay * 2).min(Duration::from_secs(2));
        let client = connect::connect(url, wait, out).await?;
        let tried = Lock::try_acquire(&client, HISTORY_TABLE).await;
        if let Some(lock) = tried.map_err(|e| pooler::with_url(e, url))? {
            return Ok((client, lock));
        }
        holder = lock::holder(&client, lock::key(HISTORY_TABLE)).await;
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
