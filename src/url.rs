//! The database URL, with libpq's meanings: `postgres://` and `postgresql://`, `%`-escapes,
//! `sslmode`, `sslrootcert` and the other query keys libpq knows.
//!
//! tokio-postgres understands only part of libpq's URL and rejects keys it does not know, so the
//! URL is parsed here; [`crate::connect`] turns it into a connection and [`crate::backup`] into
//! `pg_dump`'s environment. The password lives only in [`DbUrl`]; everything printable goes
//! through [`DbUrl::redacted`].

use std::path::PathBuf;
use std::time::Duration;

/// A database URL that cannot be used, and why (exit 2).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid database URL: {0}")]
pub struct UrlError(String);

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

impl SslMode {
    /// libpq's spelling, as `PGSSLMODE` takes it.
    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Allow => "allow",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
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
    pub fn parse(text: &str) -> Result<DbUrl, UrlError> {
        let bad = |cause: &str| UrlError(cause.to_string());
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

    /// The connection settings tokio-postgres takes (TLS is the connector's business).
    pub(crate) fn pg_config(&self) -> tokio_postgres::Config {
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

/// `%`-escapes decoded; libpq refuses a malformed escape, and so do we.
fn decode(s: &str) -> Result<String, UrlError> {
    let bytes = s.as_bytes();
    let malformed = bytes.iter().enumerate().any(|(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if malformed {
        return Err(UrlError("bad %-escape".to_string()));
    }
    percent_encoding::percent_decode_str(s)
        .decode_utf8()
        .map(|text| text.into_owned())
        .map_err(|_| UrlError("%-escapes are not UTF-8".to_string()))
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
        assert!(DbUrl::parse("postgres://u:p%zz@h/db").is_err());
        assert!(DbUrl::parse("postgres://u:p%ff@h/db").is_err());
        assert!(DbUrl::parse("mysql://u@h/db").is_err());
        assert!(DbUrl::parse("postgres://u@h/db?sslmode=sometimes").is_err());
        assert!(DbUrl::parse("postgres://u@h/db?frobnicate=1").is_err());
        assert!(DbUrl::parse("postgres://u@h:port/db").is_err());
    }
}
