//! Connecting to the database, waiting while it starts.
//!
//! Waiting retries only what can get better by waiting: refused or reset connections, name
//! lookups that fail, "the database system is starting up" and "too many clients". A wrong
//! password, an unknown role or an unknown database fail at once: no amount of waiting fixes
//! them. The URL itself is [`crate::url`]'s.

use std::time::{Duration, Instant};

use tokio_postgres::error::SqlState;
use tokio_postgres::{Client, NoTls};

use crate::error::{Error, Result};
use crate::report::Reporter;
use crate::text;
use crate::url::{DbUrl, SslMode};

/// Why a single connection attempt failed, and whether waiting can help.
struct Attempt {
    cause: String,
    retry: bool,
    hint: Option<String>,
}

/// Connect once, with the TLS `sslmode` asks for. The connection task is spawned.
pub async fn connect_once(url: &DbUrl) -> std::result::Result<Client, tokio_postgres::Error> {
    let mut config = url.pg_config();
    let is_socket = url.host.starts_with('/');
    match url.sslmode {
        SslMode::Disable => plain(&config).await,
        _ if is_socket => plain(&config).await,
        SslMode::Allow => match plain(&config).await {
            Ok(c) => Ok(c),
            Err(_) => tls(&mut config, url, tokio_postgres::config::SslMode::Require).await,
        },
        SslMode::Prefer => tls(&mut config, url, tokio_postgres::config::SslMode::Prefer).await,
        SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull => {
            tls(&mut config, url, tokio_postgres::config::SslMode::Require).await
        }
    }
}

/// Ask the server to cancel whatever `token`'s connection is running (best effort: used when
/// we are interrupted, so a long statement stops now rather than when it would have ended).
pub async fn cancel(url: &DbUrl, token: &tokio_postgres::CancelToken) {
    let is_socket = url.host.starts_with('/');
    if url.sslmode == SslMode::Disable || is_socket {
        let _ = token.cancel_query(NoTls).await;
        return;
    }
    if let Ok(connector) = crate::tls::connector(url.sslmode, url.sslrootcert.as_deref()) {
        let _ = token.cancel_query(connector).await;
    }
}

async fn plain(
    config: &tokio_postgres::Config,
) -> std::result::Result<Client, tokio_postgres::Error> {
    let (client, conn) = config.connect(NoTls).await?;
    tokio::spawn(conn);
    Ok(client)
}

async fn tls(
    config: &mut tokio_postgres::Config,
    url: &DbUrl,
    mode: tokio_postgres::config::SslMode,
) -> std::result::Result<Client, tokio_postgres::Error> {
    config.ssl_mode(mode);
    // A bad sslrootcert is reported by `check_tls` before the first attempt.
    let connector =
        crate::tls::connector(url.sslmode, url.sslrootcert.as_deref()).unwrap_or_else(|_| {
            crate::tls::connector(SslMode::Require, None).expect("no-verify TLS setup")
        });
    let (client, conn) = config.connect(connector).await?;
    tokio::spawn(conn);
    Ok(client)
}

fn classify(url: &DbUrl, err: &tokio_postgres::Error) -> Attempt {
    let cause = crate::pg_error::describe(err);
    if let Some(db) = err.as_db_error() {
        let code = db.code();
        // A pooler's own refusals (a full pool, a server it cannot log in to yet) can clear.
        let retry = *code == SqlState::CANNOT_CONNECT_NOW
            || *code == SqlState::TOO_MANY_CONNECTIONS
            || crate::pooler::said::is_transient(err);
        let hint = if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            Some(format!(
                "check the user {:?} and its password in DATABASE_URL",
                url.user
            ))
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            Some(format!(
                "create the database {:?} first, or fix the name in DATABASE_URL",
                url.dbname
            ))
        } else {
            None
        };
        return Attempt { cause, retry, hint };
    }
    // Not a server answer: an I/O problem (refused, reset, DNS, timeout) can get better by
    // waiting; a TLS failure cannot.
    let tls_problem = is_tls_setup_problem(err);
    let hint = if tls_problem {
        Some("check sslmode and sslrootcert in DATABASE_URL".to_string())
    } else {
        None
    };
    Attempt {
        cause,
        retry: !tls_problem,
        hint,
    }
}

/// Whether the attempt failed on TLS itself (a certificate, a server without TLS under
/// `require`), which waiting cannot fix, rather than on the connection under the handshake: a
/// reset or an early EOF while a server or a proxy restarts says "TLS handshake" too, but is
/// the database not being up yet.
fn is_tls_setup_problem(err: &tokio_postgres::Error) -> bool {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = current {
        if e.is::<rustls::Error>() {
            return true;
        }
        // rustls reaches us wrapped in an io::Error, whose `source()` skips the wrapped error.
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return io
                .get_ref()
                .is_some_and(|inner| inner.is::<rustls::Error>());
        }
        current = e.source();
    }
    let lower = crate::pg_error::chain(err).to_lowercase();
    lower.contains("certificate") || lower.contains("does not support tls")
}

/// Connect, retrying with backoff until `wait` has passed; one line per failed attempt.
pub async fn connect(url: &DbUrl, wait: Duration, out: &Reporter) -> Result<Client> {
    connect_holding_reports(url, wait, std::future::ready(()), out).await
}

/// [`connect`], but the first "waiting for" line, and with it every retry, waits for
/// `go_on`. `deploy` reads its migration files while the first attempt runs: a bad file must
/// be all it reports, not a word about a database it never needed.
pub async fn connect_holding_reports(
    url: &DbUrl,
    wait: Duration,
    go_on: impl std::future::Future<Output = ()>,
    out: &Reporter,
) -> Result<Client> {
    if matches!(url.sslmode, SslMode::VerifyCa | SslMode::VerifyFull) {
        crate::tls::connector(url.sslmode, url.sslrootcert.as_deref()).map_err(Error::Config)?;
    }
    let mut go_on = std::pin::pin!(go_on);
    let mut held = true;
    let start = Instant::now();
    let mut delay = Duration::from_millis(250);
    let mut attempt = 1;
    loop {
        // tokio-postgres's connect_timeout bounds only the TCP connect: a peer that accepts
        // and then never answers (a stuck proxy, a server hung in startup or in the TLS
        // handshake) would hold us forever, far past --wait. Bound the whole attempt.
        let limit = url
            .connect_timeout
            .unwrap_or(Duration::from_secs(10))
            .min(wait.saturating_sub(start.elapsed()))
            .max(Duration::from_secs(1));
        let mut pooler: Option<String> = None;
        let a = match tokio::time::timeout(limit, connect_once(url)).await {
            Ok(Ok(client)) => return Ok(client),
            Ok(Err(err)) => {
                pooler = crate::pooler::said::pooler_problem(&err);
                classify(url, &err)
            }
            Err(_) => Attempt {
                cause: format!("no answer from the server within {}", text::duration(limit)),
                retry: true,
                hint: None,
            },
        };
        if held && a.retry {
            go_on.as_mut().await;
            held = false;
        }
        let elapsed = start.elapsed();
        if !a.retry || elapsed >= wait {
            let cause = if a.retry && attempt > 1 {
                format!(
                    "{} (gave up after {attempt} attempts in {})",
                    a.cause,
                    text::duration(wait)
                )
            } else {
                a.cause
            };
            // The pooler answered: the server behind it may be fine, and the fix is the
            // pooler's (or the URL), not the network's.
            if pooler.is_some() {
                return Err(Error::Pooler {
                    url: Some(url.redacted()),
                    problem: format!("the connection pooler refused: {cause}"),
                    hint: crate::pooler::said::POOLER_HINT.into(),
                });
            }
            return Err(Error::Unreachable {
                url: url.redacted(),
                cause,
                hint: a.hint,
            });
        }
        out.info(&format!(
            "waiting for {} (attempt {attempt}): {}",
            url.redacted(),
            a.cause
        ));
        // The last sleep ends at the deadline, for one more attempt there: giving up a whole
        // backoff step early would cut a 60s wait short by up to 5s.
        tokio::time::sleep(delay.min(wait - elapsed)).await;
        delay = (delay * 2).min(Duration::from_secs(5));
        attempt += 1;
    }
}
