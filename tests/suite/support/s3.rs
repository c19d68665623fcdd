//! A real S3-compatible server on 127.0.0.1 for the tests: moto's standalone server (PyPI
//! `moto[server]`, installed into a virtualenv by `scripts/ensure.sh s3-server` the first time),
//! run by scripts/s3-server.py, which checks every request's signature against the one access
//! key it creates (a wrong key is refused as S3 refuses it). docs/test-infrastructure.md says
//! why this server.
//!
//! [`S3Server::shared`] starts one per test binary (about a second of Python imports, more on a
//! loaded machine), and each test takes a bucket of its own with [`S3Server::bucket`], as each
//! takes a database of its own. A test that must stop or restart the server starts its own with
//! [`S3Server::start`]. Either way the server stops when its process' stdin closes, so it never
//! outlives the test binary, even one killed with SIGKILL.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::{BackoffConfig, ClientOptions, RetryConfig};

/// A running server and the credentials it accepts.
pub struct S3Server {
    /// `http://127.0.0.1:PORT`.
    pub endpoint: String,
    /// The one access key it accepts...
    pub access_key_id: String,
    /// ...and its secret.
    pub secret_access_key: String,
    /// The region to sign for.
    pub region: String,
    control: Mutex<(ChildStdin, BufReader<ChildStdout>)>,
    child: Mutex<Child>,
}

impl S3Server {
    /// The server shared by every test of this binary, started on first use.
    pub fn shared() -> &'static S3Server {
        static SHARED: OnceLock<S3Server> = OnceLock::new();
        SHARED.get_or_init(S3Server::start)
    }

    /// A server of the caller's own, stopped when dropped.
    pub fn start() -> S3Server {
        let python = super::ensure(&["s3-server"]);
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/s3-server.py");
        let mut child = Command::new(&python)
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            // moto logs each request; keep the test output readable.
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot run {python} {script}: {e}"));
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let info: serde_json::Value = serde_json::from_str(&line).unwrap_or_else(|_| {
            let status = child.wait();
            panic!("scripts/s3-server.py did not start ({status:?}): {line:?}")
        });
        let field = |name: &str| info[name].as_str().unwrap().to_owned();
        S3Server {
            endpoint: field("endpoint"),
            access_key_id: field("access_key_id"),
            secret_access_key: field("secret_access_key"),
            region: field("region"),
            control: Mutex::new((stdin, stdout)),
            child: Mutex::new(child),
        }
    }

    /// Creates a bucket with a fresh name and returns the name.
    pub fn bucket(&self) -> String {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "sg-test-{}-{nanos}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let mut control = self.control.lock().unwrap();
        let (stdin, stdout) = &mut *control;
        writeln!(stdin, "create-bucket {name}").unwrap();
        stdin.flush().unwrap();
        let mut answer = String::new();
        stdout.read_line(&mut answer).unwrap();
        assert_eq!(answer.trim(), "ok", "create-bucket {name}");
        name
    }

    /// The environment a Railway bucket gives a service, for this server and `bucket`
    /// (plus `AWS_ALLOW_HTTP`, since the endpoint is plain http).
    pub fn env(&self, bucket: &str) -> Vec<(&'static str, String)> {
        vec![
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_ACCESS_KEY_ID", self.access_key_id.clone()),
            ("AWS_SECRET_ACCESS_KEY", self.secret_access_key.clone()),
            ("AWS_DEFAULT_REGION", self.region.clone()),
            ("AWS_S3_BUCKET_NAME", bucket.to_owned()),
            ("AWS_S3_URL_STYLE", "path".to_owned()),
            ("AWS_ALLOW_HTTP", "true".to_owned()),
        ]
    }

    /// An `object_store` client for `bucket` on this server, with no retries (a test sees the
    /// first failure) and short timeouts.
    pub fn store(&self, bucket: &str) -> Arc<AmazonS3> {
        self.store_at(&self.endpoint, bucket)
    }

    /// Like [`S3Server::store`], through another endpoint (a [`super::cut_proxy::CutProxy`]).
    pub fn store_at(&self, endpoint: &str, bucket: &str) -> Arc<AmazonS3> {
        self.builder(endpoint, bucket)
            .build()
            .map(Arc::new)
            .unwrap_or_else(|e| panic!("object_store client for {endpoint}: {e}"))
    }

    /// The builder [`S3Server::store_at`] builds, for a test to change.
    pub fn builder(&self, endpoint: &str, bucket: &str) -> AmazonS3Builder {
        // Client options first: they carry allow_http, which a later with_client_options
        // would reset.
        AmazonS3Builder::new()
            .with_client_options(
                ClientOptions::new()
                    .with_connect_timeout(Duration::from_secs(10))
                    .with_timeout(Duration::from_secs(60)),
            )
            .with_allow_http(true)
            .with_endpoint(endpoint)
            .with_bucket_name(bucket)
            .with_region(&self.region)
            .with_access_key_id(&self.access_key_id)
            .with_secret_access_key(&self.secret_access_key)
            .with_retry(RetryConfig {
                backoff: BackoffConfig::default(),
                max_retries: 0,
                retry_timeout: Duration::from_secs(10),
            })
    }

    /// Its address, for a proxy in front of it.
    pub fn addr(&self) -> std::net::SocketAddr {
        self.endpoint
            .trim_start_matches("http://")
            .parse()
            .expect("an http://IP:PORT endpoint")
    }

    /// Stops it now (a server that goes away mid-upload); later requests are refused.
    pub fn kill(&self) {
        let mut child = self.child.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        self.kill();
    }
}
