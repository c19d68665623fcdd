//! The PgBouncer the tests start (support::pgbouncer) behaves as the pooler the issue is about:
//! in transaction pooling a client's server connection goes back to the pool between its
//! statements (another client gets it, with the session state left on it), in session pooling
//! it stays the client's. And what a client can see of it: the process id announced at startup
//! (BackendKeyData) is PgBouncer's own in both modes, PostgreSQL's when connected directly.
//! Each test has its own database and its own PgBouncer.

use tokio_postgres::{Client, SimpleQueryMessage};

use crate::support::pgbouncer::{PgBouncer, PoolMode, announced_pid};
use crate::support::{TestDb, connect};

/// The first column of the first row of `sql`, run as a simple query (one round trip: what a
/// transaction-mode pooler can carry).
async fn one(client: &Client, sql: &str) -> String {
    client
        .simple_query(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .into_iter()
        .find_map(|m| match m {
            SimpleQueryMessage::Row(row) => Some(row.get(0).unwrap_or("").to_owned()),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no row from {sql}"))
}

async fn backend_pid(client: &Client) -> i32 {
    one(client, "select pg_backend_pid()")
        .await
        .parse()
        .unwrap()
}

/// What two clients of one pool see when the first leaves a session setting behind between two
/// statements and the second holds a transaction open in between.
struct Seen {
    a_first: i32,
    b: i32,
    a_second: i32,
    /// The first client's session setting, as the second client's transaction sees it.
    b_sees_setting: String,
    /// ...and as the first client's second statement sees it.
    a_keeps_setting: String,
}

async fn two_clients(url: &str) -> Seen {
    let a = connect(url).await;
    let b = connect(url).await;
    one(
        &a,
        "select set_config('schemagate.probe', 'left by a', false)",
    )
    .await;
    let a_first = backend_pid(&a).await;
    b.batch_execute("begin").await.unwrap();
    let b_pid = backend_pid(&b).await;
    let b_sees_setting = one(&b, "select current_setting('schemagate.probe', true)").await;
    let a_second = backend_pid(&a).await;
    let a_keeps_setting = one(&a, "select current_setting('schemagate.probe', true)").await;
    b.batch_execute("commit").await.unwrap();
    Seen {
        a_first,
        b: b_pid,
        a_second,
        b_sees_setting,
        a_keeps_setting,
    }
}

#[tokio::test]
async fn transaction_pooling_hands_a_clients_server_connection_to_another_between_statements() {
    let db = TestDb::create().await;
    let bouncer = PgBouncer::builder(PoolMode::Transaction)
        .pool_size(2)
        .start();
    let seen = two_clients(&bouncer.url(&db.name)).await;
    // After its statement, the first client's server connection was the only one in the pool:
    // the second client's transaction got it, session setting and all, and the first client's
    // next statement had to run on another one, without its setting.
    assert_eq!(seen.b, seen.a_first, "{}", bouncer.log());
    assert_eq!(seen.b_sees_setting, "left by a");
    assert_ne!(seen.a_second, seen.a_first);
    assert_eq!(seen.a_keeps_setting, "");
}

#[tokio::test]
async fn session_pooling_keeps_a_clients_server_connection_for_its_whole_session() {
    let db = TestDb::create().await;
    let bouncer = PgBouncer::builder(PoolMode::Session).pool_size(2).start();
    let seen = two_clients(&bouncer.url(&db.name)).await;
    assert_ne!(seen.b, seen.a_first, "{}", bouncer.log());
    assert_eq!(seen.b_sees_setting, "");
    assert_eq!(seen.a_second, seen.a_first);
    assert_eq!(seen.a_keeps_setting, "left by a");
}

#[tokio::test]
async fn a_pool_of_one_makes_the_second_client_wait_for_the_first_ones_transaction() {
    let db = TestDb::create().await;
    let bouncer = PgBouncer::builder(PoolMode::Transaction)
        .pool_size(1)
        .start();
    let url = bouncer.url(&db.name);
    let a = connect(&url).await;
    let b = connect(&url).await;
    a.batch_execute("begin").await.unwrap();
    let a_pid = backend_pid(&a).await;
    let waiting = tokio::spawn(async move { backend_pid(&b).await });
    // The admin console shows the second client waiting for a server connection.
    let admin = connect(&bouncer.admin_url()).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let rows = admin.simple_query("show pools").await.unwrap();
        let waiting_clients: i64 = rows
            .iter()
            .find_map(|m| match m {
                SimpleQueryMessage::Row(row) if row.get("database") == Some(db.name.as_str()) => {
                    row.get("cl_waiting").map(|v| v.parse().unwrap())
                }
                _ => None,
            })
            .unwrap_or(0);
        if waiting_clients == 1 {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the second client never waited:\n{}",
            bouncer.log()
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(!waiting.is_finished());
    a.batch_execute("commit").await.unwrap();
    assert_eq!(waiting.await.unwrap(), a_pid);
}

/// tokio-postgres's `query` prepares a named statement in one round trip and runs it in the
/// next: through transaction pooling, those may reach different server connections. PgBouncer
/// tracks prepared statements itself by default since 1.24; this is Debian bookworm's 1.18, as
/// many managed poolers still are.
#[tokio::test]
async fn a_prepared_statement_does_not_survive_a_transaction_pooler_handing_its_connection_on() {
    let db = TestDb::create().await;
    let bouncer = PgBouncer::builder(PoolMode::Transaction)
        .pool_size(2)
        .start();
    let url = bouncer.url(&db.name);
    let a = connect(&url).await;
    let b = connect(&url).await;
    let statement = a.prepare("select pg_backend_pid()").await.unwrap();
    // The statement lives on the only server connection; the second client's transaction
    // takes that one, so the first client's next round trip goes to a new one.
    b.batch_execute("begin").await.unwrap();
    let err = a.query(&statement, &[]).await.unwrap_err();
    let message = err.as_db_error().map(|e| e.message().to_owned());
    assert!(
        message
            .as_deref()
            .is_some_and(|m| m.contains("prepared statement") && m.contains("does not exist")),
        "{err:?}"
    );
    b.batch_execute("commit").await.unwrap();
}

#[tokio::test]
async fn the_pid_announced_at_startup_is_postgresqls_directly_and_pgbouncers_own_through_it() {
    let db = TestDb::create().await;
    let direct = connect(&db.url).await;
    assert_eq!(announced_pid(&direct).await, backend_pid(&direct).await);
    // The same with sslmode=require, where the cancel request would go through TLS.
    let tls = tokio_postgres::connect(
        &format!("{}?sslmode=require", db.url),
        tokio_postgres_rustls::MakeRustlsConnect::new(insecure_tls()),
    )
    .await
    .unwrap();
    tokio::spawn(tls.1);
    assert_eq!(announced_pid(&tls.0).await, backend_pid(&tls.0).await);

    for mode in [PoolMode::Session, PoolMode::Transaction] {
        let bouncer = PgBouncer::builder(mode).pool_size(2).start();
        let pooled = connect(&bouncer.url(&db.name)).await;
        let announced = announced_pid(&pooled).await;
        let backend = backend_pid(&pooled).await;
        assert_ne!(announced, backend, "{mode:?}");
        // Not any backend of this server either.
        let backends = one(
            &direct,
            &format!("select count(*) from pg_stat_activity where pid = {announced}"),
        )
        .await;
        assert_eq!(backends, "0", "{mode:?}");
    }
}

/// TLS that accepts the test server's self-signed certificate.
fn insecure_tls() -> rustls::ClientConfig {
    #[derive(Debug)]
    struct AcceptAny(std::sync::Arc<rustls::crypto::CryptoProvider>);
    impl rustls::client::danger::ServerCertVerifier for AcceptAny {
        fn verify_server_cert(
            &self,
            _: &rustls::pki_types::CertificateDer<'_>,
            _: &[rustls::pki_types::CertificateDer<'_>],
            _: &rustls::pki_types::ServerName<'_>,
            _: &[u8],
            _: rustls::pki_types::UnixTime,
        ) -> Result<rustls::client::danger::ServerCertVerified, rustls::Error> {
            Ok(rustls::client::danger::ServerCertVerified::assertion())
        }
        fn verify_tls12_signature(
            &self,
            message: &[u8],
            cert: &rustls::pki_types::CertificateDer<'_>,
            dss: &rustls::DigitallySignedStruct,
        ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
            rustls::crypto::verify_tls12_signature(
                message,
                cert,
                dss,
                &self.0.signature_verification_algorithms,
            )
        }
        fn verify_tls13_signature(
            &self,
            message: &[u8],
            cert: &rustls::pki_types::CertificateDer<'_>,
            dss: &rustls::DigitallySignedStruct,
        ) -> Result<rustls::client::danger::HandshakeSignatureValid, rustls::Error> {
            rustls::crypto::verify_tls13_signature(
                message,
                cert,
                dss,
                &self.0.signature_verification_algorithms,
            )
        }
        fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
            self.0.signature_verification_algorithms.supported_schemes()
        }
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .unwrap()
        .dangerous()
        .with_custom_certificate_verifier(std::sync::Arc::new(AcceptAny(provider)))
        .with_no_client_auth()
}
