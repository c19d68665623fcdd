//! The advisory lock that keeps replicas starting together from migrating at once.
//!
//! A session-level `pg_try_advisory_lock` polled with backoff ([`crate::database`] polls it on
//! short-lived connections, so a waiting replica holds none): no statement waits on the lock,
//! so a `CREATE INDEX CONCURRENTLY` elsewhere cannot deadlock against us, and no
//! `lock_timeout` applies while taking it. The lock belongs to the connection: it is released
//! by [`Lock::release`], and by PostgreSQL when the connection ends on any other path. Through a
//! connection pooler the connection is not the server session ([`crate::pooler`]): taking the
//! lock refuses a session that already held it, and an unlock that ran in another session is
//! retried until the one holding it lets go.

use std::time::{Duration, Instant};

use tokio_postgres::Client;
use tokio_postgres::types::Type;

use crate::error::{Error, Result};

/// The lock key, derived from the history table's name (FNV-1a, 64 bits) so that every tool
/// using `refinery_schema_history` on a database agrees on it.
pub fn key(history_table: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in history_table.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash as i64
}

/// A held advisory lock.
pub struct Lock {
    key: i64,
    /// The server process that took it, and holds it.
    pid: i32,
}

impl Lock {
    /// One attempt: the lock, or `None` while another session holds it. Its statement is sent
    /// on the first poll, so statements sent after it in the same round trip run under the
    /// lock when it was free.
    pub async fn try_acquire(client: &Client, history_table: &str) -> Result<Option<Lock>> {
        let key = key(history_table);
        // A backend that holds the lock already is shared with another client (a pooler in
        // transaction mode handed it on, or did not reset it): taking it again would succeed,
        // as advisory locks count, and two deploys would migrate at once.
        let row = client
            .query_typed_one(
                "SELECT CASE WHEN EXISTS (SELECT FROM pg_locks WHERE locktype = 'advisory' \
                 AND pid = pg_backend_pid() AND objsubid = 1 \
                 AND classid::bigint = (($1::bigint >> 32) & 4294967295) \
                 AND objid::bigint = ($1::bigint & 4294967295)) \
                 THEN NULL ELSE pg_try_advisory_lock($1) END, pg_backend_pid()",
                &[(&key, Type::INT8)],
            )
            .await
            .map_err(|e| Error::database("taking the migration lock", &e))?;
        match row.get::<_, Option<bool>>(0) {
            None => Err(Error::Pooler {
                url: None,
                problem: "the server session already held the migration lock when this deploy asked for it: it is shared with another client, as through a connection pooler in transaction mode; nothing was changed".into(),
                hint: crate::pooler::said::DIRECT_URL_HINT.into(),
            }),
            Some(got) => Ok(got.then_some(Lock {
                key,
                pid: row.get(1),
            })),
        }
    }

    /// The server process holding it.
    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Release the lock now rather than when the connection closes.
    pub async fn release(self, client: &Client) {
        // If this fails the connection is gone, and with it the lock.
        let released = client
            .query_typed("SELECT pg_advisory_unlock($1)", &[(&self.key, Type::INT8)])
            .await;
        if let Ok(rows) = released
            && rows.first().is_some_and(|r| !r.get::<_, bool>(0))
        {
            self.release_elsewhere(client).await;
        }
    }

    /// The unlock ran in a server process that does not hold the lock: a pooler moved this
    /// client to another one. The lock would stay on the pooled one for ever, locking every
    /// later deploy out. Try again (a pooler hands back the connection it used last), and end
    /// that process when it sits idle, until the lock is gone (within a few seconds).
    async fn release_elsewhere(&self, client: &Client) {
        let held = "SELECT FROM pg_locks WHERE locktype = 'advisory' AND pid = $2 \
                    AND objsubid = 1 AND classid::bigint = (($1::bigint >> 32) & 4294967295) \
                    AND objid::bigint = ($1::bigint & 4294967295)";
        let unlock = format!(
            "SELECT CASE WHEN pg_backend_pid() = $2 THEN pg_advisory_unlock($1) \
             ELSE NOT EXISTS ({held}) END"
        );
        let end_idle = format!(
            "SELECT pg_terminate_backend($2) FROM pg_stat_activity \
             WHERE pid = $2 AND state = 'idle' AND EXISTS ({held})"
        );
        let params: [(&(dyn tokio_postgres::types::ToSql + Sync), Type); 2] =
            [(&self.key, Type::INT8), (&self.pid, Type::INT4)];
        // Ending a pooled connection races with the pooler handing it to a client: the last
        // resort, after a while of trying to unlock in it.
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(10) {
            match client.query_typed_one(&unlock, &params).await {
                Ok(row) if row.get::<_, bool>(0) => return,
                Ok(_) => {}
                // The connection is gone; a pooled one that holds the lock stays for the next
                // deploy's message to name.
                Err(_) => return,
            }
            if start.elapsed() >= Duration::from_secs(2) {
                let _ = client.query_typed(&end_idle, &params).await;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

/// The pid holding the lock of `key`, as pg_locks says ("unknown" when it cannot).
pub async fn holder(client: &Client, key: i64) -> String {
    // Advisory lock keys are split into two 32-bit halves in pg_locks.
    let hi = (key >> 32) as i32 as i64;
    let lo = key as i32 as i64;
    client
        // An unnamed statement: one round trip, nothing for a pooler to lose between two.
        .query_typed(
            "SELECT pid::text FROM pg_locks WHERE locktype = 'advisory' AND granted \
             AND classid::bigint = ($1::bigint & 4294967295) AND objid::bigint = ($2::bigint & 4294967295) \
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1",
            &[(&hi, Type::INT8), (&lo, Type::INT8)],
        )
        .await
        .ok()
        .and_then(|rows| rows.into_iter().next())
        .map(|r| r.get::<_, String>(0))
        .unwrap_or_else(|| "unknown".to_string())
}
