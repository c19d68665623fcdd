//! The advisory lock that keeps replicas starting together from migrating at once.
//!
//! A session-level `pg_try_advisory_lock` polled with backoff: no statement waits on the lock,
//! so a `CREATE INDEX CONCURRENTLY` elsewhere cannot deadlock against us, and no
//! `lock_timeout` applies while taking it. The lock belongs to the connection: it is released
//! by [`Lock::release`], and by PostgreSQL when the connection ends on any other path.

use std::time::{Duration, Instant};

use tokio_postgres::Client;
use tokio_postgres::types::Type;

use crate::error::{Error, Result};
use crate::report::Reporter;

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
}

impl Lock {
    /// Take the lock, polling until `wait` has passed.
    pub async fn acquire(
        client: &Client,
        history_table: &str,
        wait: Duration,
        out: &Reporter,
    ) -> Result<Lock> {
        let key = key(history_table);
        let start = Instant::now();
        let mut delay = Duration::from_millis(50);
        let mut announced = false;
        loop {
            if let Some(lock) = Lock::try_acquire(client, history_table).await? {
                return Ok(lock);
            }
            let holder = holder(client, key).await;
            let elapsed = start.elapsed();
            if elapsed >= wait {
                return Err(Error::LockTimeout {
                    waited: wait,
                    holder,
                });
            }
            if !announced {
                out.info(&format!(
                    "waiting for the migration lock, held by pid {holder}"
                ));
                announced = true;
            }
            // The last sleep ends at the deadline, for one more try there.
            tokio::time::sleep(delay.min(wait - elapsed)).await;
            delay = (delay * 2).min(Duration::from_secs(2));
        }
    }

    /// One attempt: the lock, or `None` while another session holds it. Its statement is sent
    /// on the first poll, so statements sent after it in the same round trip run under the
    /// lock when it was free.
    pub async fn try_acquire(client: &Client, history_table: &str) -> Result<Option<Lock>> {
        let key = key(history_table);
        let row = client
            .query_typed_one("SELECT pg_try_advisory_lock($1)", &[(&key, Type::INT8)])
            .await
            .map_err(|e| Error::database("taking the migration lock", &e))?;
        Ok(row.get::<_, bool>(0).then_some(Lock { key }))
    }

    /// Release the lock now rather than when the connection closes.
    pub async fn release(self, client: &Client) {
        // If this fails the connection is gone, and with it the lock.
        let _ = client
            .query_typed("SELECT pg_advisory_unlock($1)", &[(&self.key, Type::INT8)])
            .await;
    }
}

async fn holder(client: &Client, key: i64) -> String {
    // Advisory lock keys are split into two 32-bit halves in pg_locks.
    let hi = (key >> 32) as i32 as i64;
    let lo = key as i32 as i64;
    client
        .query_opt(
            "SELECT pid::text FROM pg_locks WHERE locktype = 'advisory' AND granted \
             AND classid::bigint = ($1::bigint & 4294967295) AND objid::bigint = ($2::bigint & 4294967295) \
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database()) LIMIT 1",
            &[&hi, &lo],
        )
        .await
        .ok()
        .flatten()
        .map(|r| r.get::<_, String>(0))
        .unwrap_or_else(|| "unknown".to_string())
}
