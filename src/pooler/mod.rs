//! Connection poolers between schemagate and PostgreSQL: telling them apart, and their errors.
//!
//! Through a pooler in transaction mode (PgBouncer's `pool_mode = transaction`, Supabase's port
//! 6543, Neon's `-pooler` hosts), a client's server connection goes back to the pool after each
//! statement: a session advisory lock stays on a server connection another client may get, and
//! the next statement may run on a backend that does not hold it. So the migration lock means
//! nothing there, and a no-transaction migration can run twice. Such a URL is refused before
//! anything changes, with the fix: a direct URL (`--direct-url`).
//!
//! The port says nothing, so [`probe`] asks the connection itself. PostgreSQL announces its
//! backend's pid at startup (BackendKeyData); a pooler announces a key of its own, as it cannot
//! know which backend will serve the client. When they differ, a second, short-lived
//! connection runs a transaction while the first one sits idle between two statements, over a
//! few rounds: in transaction mode the first one's backend is free, so the second gets it
//! (PgBouncer hands out the most recently used one), or, with other clients about, the first
//! one's statements move between backends. In session mode neither can happen. Other clients
//! can hide both, so there are backstops before anything changes: [`crate::lock`] refuses a
//! lock the backend already held (it was shared), [`check_pinned`] refuses a deploy whose
//! statements left the lock's backend, and an unlock that lands elsewhere is retried there.
//! A direct connection costs nothing more: the probe's one statement travels with the lock's.

pub mod said;

use said::{DIRECT_URL_HINT, is_transient};

use std::time::{Duration, Instant};

use tokio_postgres::{Client, SimpleQueryMessage};

use crate::connect;
use crate::error::{Error, Result};
use crate::report::Reporter;
use crate::url::DbUrl;

/// What is between schemagate and PostgreSQL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// PostgreSQL itself: the pid announced at startup is the backend's.
    Direct,
    /// A proxy or pooler that keeps one backend for the whole session (PgBouncer's session
    /// mode, Supabase's port 5432 pooler), as far as the probe could tell.
    Session,
}

/// How long the probe's second connection may wait for a backend. A session pooler whose pool
/// is full makes it wait; a transaction pooler has the first connection's backend free.
const SECOND_CLIENT_WAIT: Duration = Duration::from_secs(2);

/// Rounds of the probe: each one a statement of ours, then a transaction of the second
/// connection. Without other clients, a transaction pooler gives the second connection our
/// backend in the first round; with other clients about, our own statements move between
/// backends, which each further round has another chance to see.
const ROUNDS: usize = 4;

/// Whether `client` (connected to `url`) reaches PostgreSQL directly or through a session
/// pooler, and the server process it has; a transaction pooler is refused with
/// [`Error::Pooler`]. Runs only `SELECT`s, and leaves nothing behind on any backend.
pub async fn probe(url: &DbUrl, client: &Client) -> Result<(Path, i32)> {
    let announced = announced_pid(client).await;
    let first = pid_of(client).await?;
    Ok((verdict(url, client, announced, first).await?, first))
}

/// [`probe`]'s verdict, once the announced pid and the server process are known.
async fn verdict(url: &DbUrl, client: &Client, announced: Option<i32>, first: i32) -> Result<Path> {
    if announced == Some(first) {
        return Ok(Path::Direct);
    }
    let second = tokio::time::timeout(SECOND_CLIENT_WAIT, async {
        let other = connect::connect_once(url).await.ok()?;
        let pid = transaction_pid(&other).await.ok()?;
        Some((other, pid))
    })
    .await
    .ok()
    .flatten();
    let (other, mut theirs) = match second {
        Some((other, pid)) => (Some(other), Some(pid)),
        None => (None, None),
    };
    for round in 0..ROUNDS {
        if theirs == Some(first) {
            return Err(transaction_pooling(
                url,
                &format!(
                    "another connection got this connection's server process ({first}) while it sat idle"
                ),
            ));
        }
        let ours = pid_of(client).await?;
        if ours != first {
            return Err(transaction_pooling(
                url,
                &format!(
                    "two statements of one connection ran in two server processes ({first}, then {ours})"
                ),
            ));
        }
        if round + 1 < ROUNDS
            && let Some(other) = &other
        {
            theirs = tokio::time::timeout(SECOND_CLIENT_WAIT, transaction_pid(other))
                .await
                .ok()
                .and_then(|pid| pid.ok());
        }
    }
    Ok(Path::Session)
}

/// The server process of a transaction of `client`, in one round trip.
async fn transaction_pid(client: &Client) -> std::result::Result<i32, tokio_postgres::Error> {
    backend_pid(client, "BEGIN; SELECT pg_backend_pid(); ROLLBACK").await
}

async fn pid_of(client: &Client) -> Result<i32> {
    backend_pid(client, "SELECT pg_backend_pid()")
        .await
        .map_err(|e| Error::database("asking the server for its process id", &e))
}

/// Whether the session is still the one that took `lock`: through a pooler whose mode the
/// probe could not see, a statement that runs in another server process shows it. Direct
/// connections are not asked.
pub async fn check_pinned(
    url: &DbUrl,
    client: &Client,
    path: Path,
    lock: &crate::lock::Lock,
) -> Result<()> {
    if path == Path::Direct {
        return Ok(());
    }
    let now = pid_of(client).await.map_err(|e| with_url(e, url))?;
    if now == lock.pid() {
        return Ok(());
    }
    Err(transaction_pooling(
        url,
        &format!(
            "the migration lock was taken in server process {}, and a later statement ran in {now}",
            lock.pid()
        ),
    ))
}

/// A connection, what it goes through, and what was sent along with the probe.
pub struct Probed<T> {
    pub client: Client,
    /// Direct or session pooling; a transaction pooler's refusal, for the caller to return
    /// after undoing what `along` did (a lock it took).
    pub path: Result<Path>,
    /// The server process the probe saw.
    pub pid: i32,
    pub along: T,
}

/// [`connect::connect_holding_reports`], then [`probe`], with `along`'s statements sent in the
/// same round trip as the probe's first one: a direct connection costs no extra round trip. A
/// pooler whose pool is full answers only at the first statement (`query_wait_timeout`): that
/// is waited for within `wait` too, as for the server.
pub async fn connect_with<T>(
    url: &DbUrl,
    wait: Duration,
    go_on: impl std::future::Future<Output = ()>,
    out: &Reporter,
    along: impl AsyncFn(&Client) -> T,
) -> Result<Probed<T>> {
    let start = Instant::now();
    let mut go_on = std::pin::pin!(go_on);
    let mut released = false;
    let mut delay = Duration::from_millis(250);
    loop {
        let gate = async {
            if !released {
                go_on.as_mut().await;
                released = true;
            }
        };
        let client = connect::connect_holding_reports(url, wait, gate, out).await?;
        let announced = announced_pid(&client).await;
        // The server runs the statements in the order they were sent (`biased`).
        let (pid, along) = tokio::join!(
            biased;
            backend_pid(&client, "SELECT pg_backend_pid()"),
            along(&client)
        );
        let problem = match pid {
            Ok(pid) => {
                let path = verdict(url, &client, announced, pid).await;
                return Ok(Probed {
                    path: path.map_err(|e| with_url(e, url)),
                    client,
                    pid,
                    along,
                });
            }
            // A full pool, or a pooled server connection that was ended under us (a server
            // restarting, another deploy ending an idle one that held a lock): nothing was
            // done yet, so try again within `wait`.
            Err(e)
                if (is_transient(&e) || crate::pg_error::is_connection_lost(&e))
                    && start.elapsed() < wait =>
            {
                crate::pg_error::describe(&e)
            }
            Err(e) => {
                let e = Error::database("asking the server for its process id", &e);
                return Err(with_url(e, url));
            }
        };
        drop(client);
        if !released {
            go_on.as_mut().await;
            released = true;
        }
        out.info(&format!("waiting for {}: {problem}", url.redacted()));
        tokio::time::sleep(delay.min(wait.saturating_sub(start.elapsed()))).await;
        delay = (delay * 2).min(Duration::from_secs(5));
    }
}

/// [`connect_with`] nothing along: a session of our own, or the pooler's refusal.
pub async fn connect(url: &DbUrl, wait: Duration, out: &Reporter) -> Result<Client> {
    let probed = connect_with(url, wait, std::future::ready(()), out, async |_| ()).await?;
    probed.path?;
    Ok(probed.client)
}

/// A pooler's error, with the URL it came through.
pub fn with_url(e: Error, url: &DbUrl) -> Error {
    match e {
        Error::Pooler {
            url: None,
            problem,
            hint,
        } => Error::Pooler {
            url: Some(url.redacted()),
            problem,
            hint,
        },
        other => other,
    }
}

/// The refusal of a transaction-mode pooler, with what showed it.
pub fn transaction_pooling(url: &DbUrl, evidence: &str) -> Error {
    Error::Pooler {
        url: Some(url.redacted()),
        problem: format!(
            "it goes through a connection pooler in transaction mode ({evidence}): the migration lock and a no-transaction migration need one session, nothing was changed"
        ),
        hint: DIRECT_URL_HINT.to_string(),
    }
}

async fn backend_pid(
    client: &Client,
    sql: &str,
) -> std::result::Result<i32, tokio_postgres::Error> {
    // A simple query: one round trip, no named statement for a pooler to lose.
    let rows = client.simple_query(sql).await?;
    Ok(rows
        .iter()
        .find_map(|m| match m {
            SimpleQueryMessage::Row(row) => row.get(0).and_then(|v| v.parse().ok()),
            _ => None,
        })
        .unwrap_or(0))
}

/// The process id the connection announced at startup (BackendKeyData). tokio-postgres keeps
/// it inside the [`tokio_postgres::CancelToken`], which writes it into the CancelRequest it
/// sends: the request is written into an in-memory pipe and read back; nothing is sent.
pub async fn announced_pid(client: &Client) -> Option<i32> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (ours, mut theirs) = tokio::io::duplex(64);
    let token = client.cancel_token();
    let send = token.cancel_query_raw(ours, plain::PlainAsTls);
    let read = async {
        let mut seen = Vec::new();
        let mut buf = [0u8; 64];
        loop {
            let n = theirs.read(&mut buf).await.ok()?;
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            // An SSLRequest (code 80877103) comes first when the connection uses TLS: say yes,
            // and the "TLS" below passes the cancel request through in the clear.
            if seen.len() == 8 && seen[4..8] == 80877103i32.to_be_bytes() {
                theirs.write_all(b"S").await.ok()?;
            }
        }
        Some(seen)
    };
    let (sent, seen) = tokio::join!(send, read);
    sent.ok()?;
    let seen = seen?;
    let cancel = seen.get(seen.len().checked_sub(16)?..)?;
    if cancel[4..8] != 80877102i32.to_be_bytes() {
        return None;
    }
    Some(i32::from_be_bytes(cancel[8..12].try_into().ok()?))
}

mod plain {
    //! A "TLS" connector that adds no encryption, so that the cancel request of a token that
    //! wants TLS is written in the clear into the in-memory pipe.
    use std::future::Future;
    use std::io;
    use std::pin::Pin;
    use std::task::{Context, Poll};

    use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
    use tokio_postgres::tls::{ChannelBinding, TlsConnect, TlsStream};

    pub struct PlainAsTls;

    pub struct Plain<S>(S);

    impl<S: AsyncRead + AsyncWrite + Unpin + Send + 'static> TlsConnect<S> for PlainAsTls {
        type Stream = Plain<S>;
        type Error = io::Error;
        type Future = Pin<Box<dyn Future<Output = io::Result<Plain<S>>> + Send>>;

        fn connect(self, stream: S) -> Self::Future {
            Box::pin(async move { Ok(Plain(stream)) })
        }
    }

    impl<S: AsyncRead + AsyncWrite + Unpin> TlsStream for Plain<S> {
        fn channel_binding(&self) -> ChannelBinding {
            ChannelBinding::none()
        }
    }

    impl<S: AsyncRead + Unpin> AsyncRead for Plain<S> {
        fn poll_read(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            Pin::new(&mut self.0).poll_read(cx, buf)
        }
    }

    impl<S: AsyncWrite + Unpin> AsyncWrite for Plain<S> {
        fn poll_write(
            mut self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<io::Result<usize>> {
            Pin::new(&mut self.0).poll_write(cx, buf)
        }

        fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Pin::new(&mut self.0).poll_flush(cx)
        }

        fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Pin::new(&mut self.0).poll_shutdown(cx)
        }
    }
}
