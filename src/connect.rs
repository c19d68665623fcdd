//! The database URL (libpq semantics) and connecting to it, waiting while the server starts.
//!
//! tokio-postgres understands only part of libpq's URL and rejects keys it does not know, so
//! the URL is parsed here and turned into a `tokio_postgres::Config`. The password lives only
//! in [`DbUrl`]; everything printable goes through [`DbUrl::redacted`].
//!
//! Waiting retries only what can get better by waiting: refused or reset connections, name
//! lookups that fail, and "the database system is starting up". A wrong password, an unknown
//! role or an unknown database fail at once: no amount of waiting fixes them.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use tokio_postgres::error::SqlState;
use tokio_postgres::{Client, NoTls};

use crate::error::{Error, Result, humantime};
use crate::report;

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// A parsed `postgres://` URL.
#[derive(Clone)]
pub struct DbUrl {
    pub user: String,
    pub password: Option<String>,
    /// A host name, an IP address, or a Unix socket directory (starts with `/`).
    pub host: String,
    pub port: u16,
    pub dbname: String,
    pub sslmode: SslMode,
    pub sslrootcert: Option<PathBuf>,
    pub application_name: Option<String>,
    pub connect_timeout: Option<Duration>,
}

impl std::fmt::Debug for DbUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// Query parameters libpq knows that schemagate accepts and ignores.
const IGNORED_PARAMS: &[&str] = &[
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_count",
    "sslcompression",
    "gssencmode",
    "target_session_attrs",
    "channel_binding",
    "client_encoding",
    "fallback_application_name",
    "tcp_user_timeout",
];

impl DbUrl {
    /// Parse a libpq URL: `postgres[ql]://[user[:password]@][host][:port][/dbname][?k=v&...]`.
    pub fn parse(text: &str) -> Result<DbUrl> {
        let bad = |cause: &str| Error::Config(format!("invalid database URL: {cause}"));
        let rest = text
            .strip_prefix("postgres://")
            .or_else(|| text.strip_prefix("postgresql://"))
            .ok_or_else(|| bad("it must start with postgres:// or postgresql://"))?;
        let (main, query) = match rest.split_once('?') {
            Some((m, q)) => (m, Some(q)),
            None => (rest, None),
        };
        let (authority, path) = match main.split_once('/') {
            Some((a, p)) => (a, p),
            None => (main, ""),
        };
        let (userinfo, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) => (Some(u), h),
            None => (None, authority),
        };
        let (mut user, mut password) = match userinfo {
            Some(u) => match u.split_once(':') {
                Some((name, pw)) => (decode(name)?, Some(decode(pw)?)),
                None => (decode(u)?, None),
            },
            None => (String::new(), None),
        };
        let (mut host, port_text) = if let Some(stripped) = hostport.strip_prefix('[') {
            let (h, after) = stripped
                .split_once(']')
                .ok_or_else(|| bad("unclosed [ in an IPv6 host"))?;
            (h.to_string(), after.strip_prefix(':').map(str::to_string))
        } else {
            match hostport.rsplit_once(':') {
                Some((h, p)) => (decode(h)?, Some(p.to_string())),
                None => (decode(hostport)?, None),
            }
        };
        if host.contains(',') {
            return Err(bad("several hosts in one URL are not supported"));
        }
        let mut port = match port_text.as_deref() {
            Some("") | None => 5432,
            Some(p) => p
                .parse()
                .map_err(|_| bad(&format!("port {p:?} is not a number")))?,
        };
        let mut dbname = decode(path)?;
        let mut sslmode = SslMode::Prefer;
        let mut sslrootcert = None;
        let mut application_name = None;
        let mut connect_timeout = None;
        for pair in query.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value)?;
            match key {
                "sslmode" => {
                    sslmode = match value.as_str() {
                        "disable" => SslMode::Disable,
                        "allow" => SslMode::Allow,
                        "prefer" => SslMode::Prefer,
                        "require" => SslMode::Require,
                        "verify-ca" => SslMode::VerifyCa,
                        "verify-full" => SslMode::VerifyFull,
                        other => {
                            return Err(bad(&format!(
                                "sslmode {other:?} is not one of disable, allow, prefer, require, verify-ca, verify-full"
                            )));
                        }
                    }
                }
                "sslrootcert" => sslrootcert = Some(PathBuf::from(value)),
                "application_name" => application_name = Some(value),
                "connect_timeout" => {
                    let secs: u64 = value.parse().map_err(|_| {
                        bad(&format!(
                            "connect_timeout {value:?} is not a number of seconds"
                        ))
                    })?;
                    connect_timeout = (secs > 0).then(|| Duration::from_secs(secs));
                }
                "host" => host = value,
                "port" => {
                    port = value
                        .parse()
                        .map_err(|_| bad(&format!("port {value:?} is not a number")))?
                }
                "user" => user = value,
                "password" => password = Some(value),
                "dbname" => dbname = value,
                k if IGNORED_PARAMS.contains(&k) => {}
                other => return Err(bad(&format!("unknown parameter {other:?}"))),
            }
        }
        if host.is_empty() {
            host = "localhost".to_string();
        }
        if user.is_empty() {
            user = std::env::var("USER").unwrap_or_else(|_| "postgres".to_string());
        }
        if dbname.is_empty() {
            dbname = user.clone();
        }
        // libpq: sslmode=require with a root certificate behaves like verify-ca.
        if sslmode == SslMode::Require && sslrootcert.is_some() {
            sslmode = SslMode::VerifyCa;
        }
        Ok(DbUrl {
            user,
            password,
            host,
            port,
            dbname,
            sslmode,
            sslrootcert,
            application_name,
            connect_timeout,
        })
    }

    /// The URL as it may be printed: the password replaced by `***`.
    pub fn redacted(&self) -> String {
        let pw = if self.password.is_some() { ":***" } else { "" };
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        format!(
            "postgres://{}{pw}@{host}:{}/{}",
            self.user, self.port, self.dbname
        )
    }

    /// The same server, another database (scratch databases of `snapshot` and `check`).
    pub fn with_dbname(&self, dbname: &str) -> DbUrl {
        DbUrl {
            dbname: dbname.to_string(),
            ..self.clone()
        }
    }

    fn pg_config(&self) -> tokio_postgres::Config {
        let mut c = tokio_postgres::Config::new();
        c.user(&self.user)
            .host(&self.host)
            .port(self.port)
            .dbname(&self.dbname);
        c.application_name(self.application_name.as_deref().unwrap_or("schemagate"));
        if let Some(pw) = &self.password {
            c.password(pw);
        }
        c.connect_timeout(self.connect_timeout.unwrap_or(Duration::from_secs(10)));
        c
    }
}

fn decode(s: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match hex {
                Some(b) => {
                    out.push(b);
                    i += 3;
                    continue;
                }
                None => {
                    return Err(Error::Config(
                        "invalid database URL: bad %-escape".to_string(),
                    ));
                }
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out)
        .map_err(|_| Error::Config("invalid database URL: %-escapes are not UTF-8".to_string()))
}

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
        let retry =
            *code == SqlState::CANNOT_CONNECT_NOW || *code == SqlState::TOO_MANY_CONNECTIONS;
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
pub async fn connect(url: &DbUrl, wait: Duration) -> Result<Client> {
    connect_holding_reports(url, wait, std::future::ready(())).await
}

/// [`connect`], but the first "waiting for" line, and with it every retry, waits for
/// `go_on`. `deploy` reads its migration files while the first attempt runs: a bad file must
/// be all it reports, not a word about a database it never needed.
pub async fn connect_holding_reports(
    url: &DbUrl,
    wait: Duration,
    go_on: impl std::future::Future<Output = ()>,
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
        let a = match tokio::time::timeout(limit, connect_once(url)).await {
            Ok(Ok(client)) => return Ok(client),
            Ok(Err(err)) => classify(url, &err),
            Err(_) => Attempt {
                cause: format!("no answer from the server within {}", humantime(limit)),
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
                    humantime(wait)
                )
            } else {
                a.cause
            };
            return Err(Error::Unreachable {
                url: url.redacted(),
                cause,
                hint: a.hint,
            });
        }
        report::info(&format!(
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_railway_style_url() {
        let u =
            DbUrl::parse("postgresql://postgres:p%40ss@roundhouse.proxy.rlwy.net:41234/railway")
                .unwrap();
        assert_eq!(u.user, "postgres");
        assert_eq!(u.password.as_deref(), Some("p@ss"));
        assert_eq!(u.host, "roundhouse.proxy.rlwy.net");
        assert_eq!(u.port, 41234);
        assert_eq!(u.dbname, "railway");
        assert_eq!(u.sslmode, SslMode::Prefer);
        assert!(!u.redacted().contains("p@ss"));
        assert!(!format!("{u:?}").contains("p@ss"));
    }

    #[test]
    fn parses_sslmode_ipv6_and_query_keys() {
        let u = DbUrl::parse("postgres://u@[::1]:5433/db?sslmode=verify-full&sslrootcert=/tmp/ca.pem&application_name=x").unwrap();
        assert_eq!(u.host, "::1");
        assert_eq!(u.port, 5433);
        assert_eq!(u.sslmode, SslMode::VerifyFull);
        assert_eq!(u.redacted(), "postgres://u@[::1]:5433/db");
        let u = DbUrl::parse("postgres://u@h/db?sslmode=require&sslrootcert=/ca.pem").unwrap();
        assert_eq!(u.sslmode, SslMode::VerifyCa);
    }

    #[test]
    fn rejects_what_libpq_rejects() {
        assert!(DbUrl::parse("mysql://u@h/db").is_err());
        assert!(DbUrl::parse("postgres://u@h/db?sslmode=sometimes").is_err());
        assert!(DbUrl::parse("postgres://u@h/db?frobnicate=1").is_err());
        assert!(DbUrl::parse("postgres://u@h:port/db").is_err());
    }
}
