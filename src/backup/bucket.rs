//! Object storage (S3 and S3-compatible stores: Railway buckets, R2, MinIO) as the backup
//! directory, through the `object_store` crate. The dump is taken and validated in a local
//! staging directory exactly as on disk ([`super::take_backup`]), then uploaded (one PUT, or a
//! multipart upload for large dumps, aborted on failure) with a SHA-256 checksum the store
//! verifies on every request, then its size read back from the store, and only then the
//! sidecar uploaded: the sidecar is the "complete" marker, so an interrupted upload leaves
//! nothing that lists, restores or is pruned as a backup. Credentials come from the standard
//! `AWS_*` variables only; they are never printed (store errors are reduced to S3's code and
//! message, and any credential value in them is masked).

use std::io::{Read, Seek, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use object_store::aws::{AmazonS3, AmazonS3Builder, Checksum};
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};

use super::dump::Sidecar;
use super::retention::parse_backup_file_name;
use super::{BackupEntry, BackupError, BackupInfo};

/// Dumps up to this size go up in one PUT; larger ones in parts of this size (S3 wants 5 MiB
/// at least for every part but the last).
const PART_SIZE: usize = 8 * 1024 * 1024;

/// `s3://bucket/prefix`: where backups go when `--backup-dir` is a bucket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BucketUrl {
    /// The bucket.
    pub bucket: String,
    /// The key prefix, without leading or trailing `/` (empty: the bucket's root).
    pub prefix: String,
}

/// The variable Railway (and others) name the bucket in, used for `s3://` with no bucket.
pub const BUCKET_NAME_ENV: &str = "AWS_S3_BUCKET_NAME";

impl BucketUrl {
    /// Reads `s3://bucket/prefix`; `None` when `text` is no URL at all (a directory). An
    /// empty bucket (`s3://` or `s3:///prefix`) is taken from `bucket_from_env` (the value of
    /// `AWS_S3_BUCKET_NAME`), so a Railway bucket needs no setting but `s3://`.
    pub fn parse(text: &str, bucket_from_env: Option<&str>) -> Result<Option<BucketUrl>, String> {
        let Some((scheme, rest)) = text.split_once("://") else {
            return Ok(None);
        };
        if scheme != "s3" {
            return Err(format!(
                "{scheme}:// is not a backup location schemagate knows: give a directory or s3://bucket/prefix"
            ));
        }
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        let bucket = match (bucket, bucket_from_env.filter(|b| !b.is_empty())) {
            ("", Some(env)) => env.to_string(),
            ("", None) => {
                return Err(format!(
                    "{text} names no bucket and {BUCKET_NAME_ENV} is not set: give s3://bucket/prefix"
                ));
            }
            (given, _) => given.to_string(),
        };
        let prefix = prefix.trim_matches('/').to_string();
        if prefix.split('/').any(|p| p == "." || p == "..") {
            return Err(format!(
                "{text}: the prefix may not contain . or .. segments"
            ));
        }
        Ok(Some(BucketUrl { bucket, prefix }))
    }

    /// The object URL of `name` below the prefix, as listed and as `restore` takes it.
    pub fn url_of(&self, name: &str) -> String {
        format!("s3://{}/{}", self.bucket, self.key_of(name))
    }

    fn key_of(&self, name: &str) -> String {
        if self.prefix.is_empty() {
            name.to_string()
        } else {
            format!("{}/{name}", self.prefix)
        }
    }

    /// Splits an object URL `s3://bucket/prefix/name.dump` into its location and name.
    pub fn split_object(text: &str) -> Option<(BucketUrl, String)> {
        let rest = text.strip_prefix("s3://")?;
        let (dir, name) = rest.rsplit_once('/')?;
        let (bucket, prefix) = dir.split_once('/').unwrap_or((dir, ""));
        if bucket.is_empty() || name.is_empty() {
            return None;
        }
        let url = BucketUrl {
            bucket: bucket.to_string(),
            prefix: prefix.trim_matches('/').to_string(),
        };
        Some((url, name.to_string()))
    }
}

impl std::fmt::Display for BucketUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.prefix.is_empty() {
            write!(f, "s3://{}", self.bucket)
        } else {
            write!(f, "s3://{}/{}", self.bucket, self.prefix)
        }
    }
}

/// An open bucket: the client and where in it the backups are.
pub struct Bucket {
    store: Arc<AmazonS3>,
    url: BucketUrl,
}

impl Bucket {
    /// A client for `url` from the standard `AWS_*` variables (`AWS_ENDPOINT_URL`,
    /// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_DEFAULT_REGION`, `AWS_SESSION_TOKEN`,
    /// `AWS_ALLOW_HTTP`, ...) plus what `object_store` does not read: `AWS_S3_URL_STYLE`
    /// (`path` or `virtual`, as Railway sets it). Nothing is sent yet.
    pub fn open(url: &BucketUrl) -> Result<Bucket, BackupError> {
        let mut builder = AmazonS3Builder::from_env()
            .with_bucket_name(&url.bucket)
            // Few retries: a deploy waits for this, and each failure is reported with its cause.
            .with_retry(object_store::RetryConfig {
                backoff: object_store::BackoffConfig::default(),
                max_retries: 2,
                retry_timeout: Duration::from_secs(30),
            });
        if std::env::var_os("AWS_CHECKSUM_ALGORITHM").is_none() {
            builder = builder.with_checksum_algorithm(Checksum::SHA256);
        }
        match std::env::var("AWS_S3_URL_STYLE").ok().as_deref() {
            None | Some("") => {}
            Some("path") => builder = builder.with_virtual_hosted_style_request(false),
            Some("virtual") | Some("virtual-hosted") => {
                builder = builder.with_virtual_hosted_style_request(true);
                // object_store takes a custom endpoint as the bucket's own in this style;
                // Railway's (and most providers') endpoint is the service's.
                if let Ok(endpoint) =
                    std::env::var("AWS_ENDPOINT_URL").or_else(|_| std::env::var("AWS_ENDPOINT"))
                {
                    builder = builder.with_endpoint(virtual_endpoint(&endpoint, &url.bucket));
                }
            }
            Some(other) => {
                return Err(BackupError::StoreConfig {
                    location: url.to_string(),
                    reason: format!("AWS_S3_URL_STYLE must be path or virtual, got {other:?}"),
                });
            }
        }
        if std::env::var_os("AWS_DEFAULT_REGION").is_none()
            && std::env::var_os("AWS_REGION").is_none()
        {
            // S3-compatible stores ignore it but the signature needs one.
            builder = builder.with_region("us-east-1");
        }
        let store = builder.build().map_err(|e| BackupError::StoreConfig {
            location: url.to_string(),
            reason: clean_store_error(&e),
        })?;
        Ok(Bucket {
            store: Arc::new(store),
            url: url.clone(),
        })
    }

    /// The location, for messages.
    pub fn url(&self) -> &BucketUrl {
        &self.url
    }

    /// Asks the store for the prefix once, before a dump is taken: a wrong key or a missing
    /// bucket is refused before minutes of `pg_dump`, not after.
    pub async fn check_access(&self) -> Result<(), BackupError> {
        self.store
            .list_with_delimiter(self.prefix().as_ref())
            .await
            .map(|_| ())
            .map_err(|e| self.error("list", &self.url.to_string(), e))
    }

    fn prefix(&self) -> Option<ObjectPath> {
        (!self.url.prefix.is_empty()).then(|| ObjectPath::from(self.url.prefix.as_str()))
    }

    fn error(&self, action: &'static str, location: &str, e: object_store::Error) -> BackupError {
        store_error(action, location, &self.url, e)
    }

    /// Uploads a backup taken into the staging directory: the dump, then its size as the store
    /// holds it checked, then the sidecar. Returns the dump's URL. On any failure what was
    /// uploaded is removed (best effort; without its sidecar it is never taken for a backup).
    pub async fn upload(&self, info: &BackupInfo) -> Result<String, BackupError> {
        let name = file_name(&info.path)?;
        let key = ObjectPath::from(self.url.key_of(&name));
        let url = self.url.url_of(&name);
        match self.store.head(&key).await {
            Err(object_store::Error::NotFound { .. }) => {}
            Ok(_) => {
                return Err(BackupError::Invalid {
                    path: PathBuf::from(&url),
                    reason:
                        "an object of this name already exists in the bucket; it is left as it is"
                            .into(),
                });
            }
            Err(e) => return Err(self.error("check", &url, e)),
        }
        let sent = self.send(info, &key, &url).await;
        if sent.is_err() {
            // Best effort: without its sidecar it is never taken for a backup anyway. (A
            // signal drops this future before here; what it left has no sidecar either.)
            let _ = self.store.delete(&key).await;
        }
        sent.map(|_| url)
    }

    /// The dump, its size as the store holds it, then the sidecar.
    async fn send(
        &self,
        info: &BackupInfo,
        key: &ObjectPath,
        url: &str,
    ) -> Result<(), BackupError> {
        self.put_file(&info.path, key, url).await?;
        let held = self
            .store
            .head(key)
            .await
            .map_err(|e| self.error("read back", url, e))?;
        if held.size != info.size_bytes {
            return Err(BackupError::Invalid {
                path: PathBuf::from(url),
                reason: format!(
                    "the bucket holds {} bytes, the validated dump has {}; removed",
                    held.size, info.size_bytes
                ),
            });
        }
        let sidecar = std::fs::read(&info.sidecar)
            .map_err(|e| BackupError::io(&info.sidecar, "read sidecar", e))?;
        let sidecar_url = format!("{url}.json");
        self.store
            .put(
                &ObjectPath::from(format!("{key}.json")),
                PutPayload::from(sidecar),
            )
            .await
            .map(|_| ())
            .map_err(|e| self.error("upload", &sidecar_url, e))
    }

    /// One PUT for a small file; a multipart upload, aborted on failure, for a large one.
    async fn put_file(&self, file: &Path, key: &ObjectPath, url: &str) -> Result<(), BackupError> {
        let mut f = std::fs::File::open(file).map_err(|e| BackupError::io(file, "read", e))?;
        let size = f
            .metadata()
            .map_err(|e| BackupError::io(file, "read", e))?
            .len();
        if size <= PART_SIZE as u64 {
            let mut body = Vec::with_capacity(size as usize);
            f.read_to_end(&mut body)
                .map_err(|e| BackupError::io(file, "read", e))?;
            return self
                .store
                .put(key, PutPayload::from(body))
                .await
                .map(|_| ())
                .map_err(|e| self.error("upload", url, e));
        }
        let mut upload = self
            .store
            .put_multipart(key)
            .await
            .map_err(|e| self.error("start the upload of", url, e))?;
        let sent = async {
            loop {
                let mut part = vec![0u8; PART_SIZE];
                let n =
                    read_full(&mut f, &mut part).map_err(|e| BackupError::io(file, "read", e))?;
                if n == 0 {
                    break;
                }
                part.truncate(n);
                upload
                    .put_part(PutPayload::from(part))
                    .await
                    .map_err(|e| self.error("upload", url, e))?;
            }
            upload
                .complete()
                .await
                .map(|_| ())
                .map_err(|e| self.error("complete the upload of", url, e))
        }
        .await;
        if sent.is_err() {
            // The parts sent so far would be kept (and billed) until the upload is aborted.
            let _ = upload.abort().await;
        }
        sent
    }

    /// Backups in the bucket, newest first: dumps with the name pattern whose sidecar is
    /// there (a dump without one is an upload that did not finish, not a backup).
    pub async fn list(&self) -> Result<Vec<BackupEntry>, BackupError> {
        let listed = self
            .store
            .list_with_delimiter(self.prefix().as_ref())
            .await
            .map_err(|e| self.error("list", &self.url.to_string(), e))?;
        let names: std::collections::HashSet<String> = listed
            .objects
            .iter()
            .filter_map(|o| o.location.filename().map(str::to_string))
            .collect();
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        let mut found = Vec::new();
        for object in &listed.objects {
            let Some(name) = object.location.filename() else {
                continue;
            };
            let Some((database, timestamp, version)) = parse_backup_file_name(name) else {
                continue;
            };
            if !names.contains(&format!("{name}.json")) {
                continue;
            }
            let sidecar_key = ObjectPath::from(format!("{}.json", object.location));
            let sidecar = match self.store.get(&sidecar_key).await {
                Ok(got) => got
                    .bytes()
                    .await
                    .ok()
                    .and_then(|b| serde_json::from_slice::<Sidecar>(&b).ok()),
                Err(_) => None,
            };
            let age = now - object.last_modified.timestamp();
            found.push(BackupEntry {
                path: PathBuf::from(self.url.url_of(name)),
                database,
                timestamp,
                version: sidecar
                    .as_ref()
                    .map(|s| s.schema_version)
                    .unwrap_or(version),
                size_bytes: object.size,
                age: u64::try_from(age).ok().map(Duration::from_secs),
                sidecar,
            });
        }
        found.sort_by(|a, b| {
            b.timestamp
                .cmp(&a.timestamp)
                .then_with(|| b.path.cmp(&a.path))
        });
        Ok(found)
    }

    /// Deletes all but the newest `keep` backups of `just_taken`'s database (sidecar first, so
    /// a deletion cut short never leaves a dump that looks complete without its data), never
    /// `just_taken` itself. Only objects schemagate wrote (name pattern and sidecar) count.
    pub async fn prune(&self, keep: usize, just_taken: &str) -> Result<Vec<String>, BackupError> {
        let name = just_taken.rsplit('/').next().unwrap_or(just_taken);
        let database = parse_backup_file_name(name).map(|(db, _, _)| db);
        let mut deleted = Vec::new();
        let ours: Vec<BackupEntry> = self
            .list()
            .await?
            .into_iter()
            .filter(|e| database.as_deref().is_none_or(|db| db == e.database))
            .collect();
        for entry in ours.into_iter().skip(keep) {
            let url = entry.path.display().to_string();
            if url == just_taken {
                continue;
            }
            let Some((_, name)) = BucketUrl::split_object(&url) else {
                continue;
            };
            let key = ObjectPath::from(self.url.key_of(&name));
            self.store
                .delete(&ObjectPath::from(format!("{key}.json")))
                .await
                .map_err(|e| self.error("delete old backup", &format!("{url}.json"), e))?;
            self.store
                .delete(&key)
                .await
                .map_err(|e| self.error("delete old backup", &url, e))?;
            deleted.push(url);
        }
        Ok(deleted)
    }

    /// Downloads backup `name` (below the prefix) into `dir` as a 0600 file and returns its
    /// path and sidecar. Refuses a dump without its sidecar: its upload never finished.
    pub async fn download(
        &self,
        name: &str,
        dir: &Path,
    ) -> Result<(PathBuf, Sidecar), BackupError> {
        let url = self.url.url_of(name);
        let key = ObjectPath::from(self.url.key_of(name));
        let sidecar = match self
            .store
            .get(&ObjectPath::from(format!("{key}.json")))
            .await
        {
            Ok(got) => got
                .bytes()
                .await
                .map_err(|e| self.error("download", &format!("{url}.json"), e))?,
            Err(e @ object_store::Error::NotFound { .. })
                if !e.to_string().contains("NoSuchBucket") =>
            {
                return Err(BackupError::Invalid {
                    path: PathBuf::from(&url),
                    reason: "no such backup in the bucket (no sidecar: a dump without one is an upload that did not finish)".into(),
                });
            }
            Err(e) => return Err(self.error("download", &format!("{url}.json"), e)),
        };
        let sidecar: Sidecar =
            serde_json::from_slice(&sidecar).map_err(|e| BackupError::Invalid {
                path: PathBuf::from(format!("{url}.json")),
                reason: format!("unreadable sidecar: {e}"),
            })?;
        let meta = self
            .store
            .head(&key)
            .await
            .map_err(|e| self.error("download", &url, e))?;
        let local = dir.join(name);
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&local)
            .map_err(|e| BackupError::io(&local, "create", e))?;
        let mut offset = 0u64;
        while offset < meta.size {
            let end = (offset + PART_SIZE as u64).min(meta.size);
            let bytes = self
                .store
                .get_range(&key, offset..end)
                .await
                .map_err(|e| self.error("download", &url, e))?;
            file.write_all(&bytes)
                .map_err(|e| BackupError::io(&local, "write", e))?;
            offset += bytes.len() as u64;
            if bytes.is_empty() {
                break;
            }
        }
        file.sync_all()
            .map_err(|e| BackupError::io(&local, "write", e))?;
        let written = file
            .stream_position()
            .map_err(|e| BackupError::io(&local, "write", e))?;
        if written != sidecar.size_bytes {
            return Err(BackupError::Invalid {
                path: PathBuf::from(&url),
                reason: format!(
                    "downloaded {written} bytes, the sidecar says {}",
                    sidecar.size_bytes
                ),
            });
        }
        Ok((local, sidecar))
    }
}

/// `https://storage.example` -> `https://bucket.storage.example` (unchanged when it already
/// names the bucket).
fn virtual_endpoint(endpoint: &str, bucket: &str) -> String {
    let (scheme, rest) = endpoint.split_once("://").unwrap_or(("https", endpoint));
    if rest.starts_with(&format!("{bucket}.")) {
        return endpoint.to_string();
    }
    format!("{scheme}://{bucket}.{}", rest.trim_end_matches('/'))
}

fn file_name(path: &Path) -> Result<String, BackupError> {
    path.file_name()
        .and_then(|n| n.to_str())
        .map(str::to_string)
        .ok_or_else(|| BackupError::Invalid {
            path: path.to_path_buf(),
            reason: "no file name".into(),
        })
}

fn read_full(f: &mut std::fs::File, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match f.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// A store failure, worded: S3's error code and message rather than the XML body, a hint for
/// the causes with a known fix, and no credential value.
pub(crate) fn store_error(
    action: &'static str,
    location: &str,
    url: &BucketUrl,
    e: object_store::Error,
) -> BackupError {
    let cause = clean_store_error(&e);
    let hint = if cause.contains("NoSuchBucket") {
        Some(format!(
            "bucket {} does not exist at {}: create it, or correct --backup-dir / {BUCKET_NAME_ENV}",
            url.bucket,
            endpoint_shown()
        ))
    } else if cause.contains("InvalidAccessKeyId")
        || cause.contains("SignatureDoesNotMatch")
        || cause.contains("AccessDenied")
        || matches!(
            e,
            object_store::Error::PermissionDenied { .. }
                | object_store::Error::Unauthenticated { .. }
        )
    {
        Some(
            "the store refused the credentials: check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and the bucket's permissions)"
                .to_string(),
        )
    } else if cause.contains("error sending request") || cause.contains("connect") {
        Some(format!(
            "the store at {} could not be reached or the connection broke: check AWS_ENDPOINT_URL and the network",
            endpoint_shown()
        ))
    } else {
        None
    };
    BackupError::Store {
        action,
        location: location.to_string(),
        cause,
        hint,
    }
}

fn endpoint_shown() -> String {
    std::env::var("AWS_ENDPOINT_URL")
        .or_else(|_| std::env::var("AWS_ENDPOINT"))
        .unwrap_or_else(|_| "AWS S3".to_string())
}

/// The error's text with S3's XML body reduced to `Code: Message`, and every credential value
/// from the environment masked.
fn clean_store_error(e: &dyn std::fmt::Display) -> String {
    let text = e.to_string();
    let tag = |name: &str| -> Option<String> {
        let open = format!("<{name}>");
        let start = text.find(&open)? + open.len();
        let end = text[start..].find(&format!("</{name}>"))? + start;
        Some(text[start..end].to_string())
    };
    let mut cleaned = match (
        text.find("<?xml").or_else(|| text.find("<Error>")),
        tag("Code"),
    ) {
        (Some(at), Some(code)) => {
            let message = tag("Message").unwrap_or_default();
            format!("{}{code}: {message}", &text[..at])
        }
        _ => text.clone(),
    };
    for var in [
        "AWS_SECRET_ACCESS_KEY",
        "AWS_SESSION_TOKEN",
        "AWS_ACCESS_KEY_ID",
    ] {
        if let Ok(value) = std::env::var(var)
            && value.len() >= 4
        {
            cleaned = cleaned.replace(&value, "<redacted>");
        }
    }
    cleaned
}

/// A private staging directory for one backup or restore, removed with everything in it on
/// drop. In `$TMPDIR` (the container's disk): the dump is validated there before upload.
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    /// Creates `$TMPDIR/schemagate-staging-PID-NANOS`, 0700, after removing the ones of
    /// processes that no longer run (a backup killed outright leaves its dump there).
    pub fn create() -> Result<Staging, BackupError> {
        use std::os::unix::fs::DirBuilderExt;
        remove_abandoned_staging(&std::env::temp_dir());
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("schemagate-staging-{}-{nanos}", std::process::id()));
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&dir)
            .map_err(|e| BackupError::io(&dir, "create staging directory", e))?;
        Ok(Staging { dir })
    }

    /// The directory.
    pub fn path(&self) -> &Path {
        &self.dir
    }
}

/// Removes `schemagate-staging-PID-*` directories in `tmp` whose process is gone.
fn remove_abandoned_staging(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("schemagate-staging-"))
            .and_then(|n| n.split('-').next())
            .and_then(|p| p.parse::<libc::pid_t>().ok())
        else {
            continue;
        };
        // SAFETY: kill with signal 0 only checks whether the process exists.
        let gone = unsafe { libc::kill(pid, 0) } == -1
            && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH);
        if gone {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bucket_urls() {
        assert_eq!(BucketUrl::parse("backups", None), Ok(None));
        let url = BucketUrl::parse("s3://b/some/prefix/", None)
            .unwrap()
            .unwrap();
        assert_eq!(url.bucket, "b");
        assert_eq!(url.prefix, "some/prefix");
        assert_eq!(url.to_string(), "s3://b/some/prefix");
        assert_eq!(url.url_of("x.dump"), "s3://b/some/prefix/x.dump");
        let root = BucketUrl::parse("s3://", Some("railway-b"))
            .unwrap()
            .unwrap();
        assert_eq!(root.to_string(), "s3://railway-b");
        assert_eq!(root.url_of("x.dump"), "s3://railway-b/x.dump");
        assert!(
            BucketUrl::parse("s3:///p", None)
                .unwrap_err()
                .contains(BUCKET_NAME_ENV)
        );
        assert!(BucketUrl::parse("gs://b", None).is_err());
        assert!(BucketUrl::parse("s3://b/../x", None).is_err());
        assert_eq!(
            BucketUrl::split_object("s3://b/p/q/x.dump"),
            Some((
                BucketUrl {
                    bucket: "b".into(),
                    prefix: "p/q".into()
                },
                "x.dump".into()
            ))
        );
    }

    #[test]
    fn virtual_hosted_endpoints_name_the_bucket() {
        assert_eq!(
            virtual_endpoint("https://storage.railway.app", "b-1"),
            "https://b-1.storage.railway.app"
        );
        assert_eq!(
            virtual_endpoint("https://b-1.storage.railway.app/", "b-1"),
            "https://b-1.storage.railway.app/"
        );
    }

    #[test]
    fn store_errors_keep_the_code_and_lose_the_xml() {
        let text = "Error performing PUT http://h/b/k: Client error with status 403 Forbidden: <?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match</Message><StringToSign>AWS4</StringToSign></Error>";
        let cleaned = clean_store_error(&text);
        assert!(
            cleaned.ends_with(
                "SignatureDoesNotMatch: The request signature we calculated does not match"
            ),
            "{cleaned}"
        );
        assert!(!cleaned.contains("StringToSign"));
    }
}
