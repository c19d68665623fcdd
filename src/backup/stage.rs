//! The backup as a stage of the deploy: sized by the database, taken on a thread of its own (so
//! a signal is seen while `pg_dump` runs, and stops it), pruned by retention, and reported.

use tokio_postgres::Client;

use super::{
    BackupError, BackupInfo, BackupOptions, Bucket, BucketUrl, DumpTarget, Staging, ToolSearch,
};
use crate::error::{Error, Result};
use crate::report::Reporter;
use crate::url::DbUrl;

/// Where and how many: the backup settings.
#[derive(Debug, Clone)]
pub struct Retention {
    /// The backup directory.
    pub dir: std::path::PathBuf,
    /// The bucket instead of the directory, when `--backup-dir` is an `s3://` URL.
    pub bucket: Option<BucketUrl>,
    /// How many backups of this database to keep.
    pub keep: usize,
    /// How long `pg_dump` waits for a table's lock: the deploy's `--lock-timeout`, as long as
    /// a migration would wait for it.
    pub lock_wait: std::time::Duration,
    /// What the backup holds (decided by [`super::scope::decide`]).
    pub scope: super::Scope,
}

/// Take the backup before a deploy's first change: the database at `from_version`, through
/// `url`, `pg_dump` waiting for a free connection within `connect_wait` (`--wait`); then prune
/// old backups. Returns the new backup's path (or `s3://` URL), for the run log. With a bucket:
/// its access is checked first, the dump taken and validated in a staging directory, uploaded
/// and verified; the staging copy is removed either way.
pub async fn before_deploy(
    client: &Client,
    url: &DbUrl,
    retention: &Retention,
    from_version: Option<i32>,
    server_version_num: i32,
    connect_wait: std::time::Duration,
    out: &Reporter,
) -> Result<String> {
    let size: i64 = client
        .query_one("SELECT pg_database_size(current_database())", &[])
        .await
        .map_err(|e| Error::database("reading the database size", &e))?
        .get(0);
    let bucket = match &retention.bucket {
        Some(url) => {
            let bucket = Bucket::open(url).map_err(Error::Backup)?;
            bucket.check_access().await.map_err(Error::Backup)?;
            Some((bucket, Staging::create().map_err(Error::Backup)?))
        }
        None => None,
    };
    let opts = BackupOptions {
        dir: match &bucket {
            Some((_, staging)) => staging.path().to_path_buf(),
            None => retention.dir.clone(),
        },
        from_version,
        server_version_num: server_version_num as u32,
        database_size_bytes: Some(size as u64),
        reporter: Some(*out),
        tools: ToolSearch::from_env(),
        lock_wait_timeout: Some(retention.lock_wait),
        scope: retention.scope.clone(),
    };
    if retention.scope != super::Scope::full() {
        out.info(&format!("backup scope: {}", retention.scope.describe()));
    }
    let target = DumpTarget::from_url(url);
    let (wait, reporter) = (connect_wait, *out);
    let taken = tokio::task::spawn_blocking(move || {
        super::take_backup_within(&target, &opts, wait, |refusal| {
            reporter.info(&format!("backup: waiting for a connection: {refusal}"))
        })
    })
    .await
    .map_err(|e| Error::internal(format!("the backup thread failed: {e}")))?;
    let info: BackupInfo = match taken {
        Ok(info) => info,
        Err(BackupError::TableLocked { tables, waited }) => {
            let tables = still_locked(client, tables).await;
            return Err(Error::Backup(BackupError::TableLocked { tables, waited }));
        }
        Err(e) => return Err(Error::Backup(e)),
    };
    if let Some((bucket, _staging)) = &bucket {
        let url = upload(bucket, &info, out).await.map_err(Error::Backup)?;
        prune_bucket(bucket, retention.keep, &url, out).await;
        return Ok(url);
    }
    out.info(&format!(
        "backup {} ({} bytes) in {} ms",
        info.path.display(),
        info.size_bytes,
        info.duration.as_millis()
    ));
    prune(retention, &info.path, out);
    Ok(info.path.display().to_string())
}

/// Upload a backup validated in staging, and say so.
pub async fn upload(
    bucket: &Bucket,
    info: &BackupInfo,
    out: &Reporter,
) -> Result<String, BackupError> {
    let started = std::time::Instant::now();
    let url = bucket.upload(info).await?;
    out.info(&format!(
        "backup {url} ({} bytes) in {} ms, uploaded and verified in {} ms",
        info.size_bytes,
        info.duration.as_millis(),
        started.elapsed().as_millis()
    ));
    Ok(url)
}

/// Remove old backups in the bucket beyond `keep`; a failure is a warning, never fatal.
pub async fn prune_bucket(bucket: &Bucket, keep: usize, just_taken: &str, out: &Reporter) {
    match bucket.prune(keep, just_taken).await {
        Ok(removed) if !removed.is_empty() => {
            out.info(&format!("removed {} old backups", removed.len()))
        }
        Ok(_) => {}
        Err(e) => out.warn(&format!("could not prune old backups: {e}")),
    }
}

/// Of the tables pg_dump could not lock at once, those another session holds exclusively now:
/// the one to look for. All of them when none is (the lock went meanwhile) or the catalog
/// cannot say.
async fn still_locked(client: &Client, tables: Vec<String>) -> Vec<String> {
    let sql = "SELECT t FROM unnest($1::text[]) t WHERE EXISTS (SELECT 1 FROM pg_locks l \
               WHERE l.relation = to_regclass(t) AND l.granted AND l.mode = 'AccessExclusiveLock' \
               AND l.pid <> pg_backend_pid())";
    match client.query(sql, &[&tables]).await {
        Ok(rows) if !rows.is_empty() => rows.iter().map(|r| r.get(0)).collect(),
        _ => tables,
    }
}

/// Remove old backups beyond `retention.keep`; a failure is a warning, never fatal.
pub fn prune(retention: &Retention, just_taken: &std::path::Path, out: &Reporter) {
    match super::prune(&retention.dir, retention.keep, just_taken) {
        Ok(removed) if !removed.is_empty() => {
            out.info(&format!("removed {} old backups", removed.len()))
        }
        Ok(_) => {}
        Err(e) => out.warn(&format!("could not prune old backups: {e}")),
    }
}

impl DumpTarget {
    /// The connection as `pg_dump` and `pg_restore` take it.
    pub fn from_url(url: &DbUrl) -> DumpTarget {
        DumpTarget {
            host: url.host.clone(),
            port: url.port,
            user: url.user.clone(),
            password: url.password.clone(),
            dbname: url.dbname.clone(),
            sslmode: url.sslmode.as_str().to_string(),
            sslrootcert: url.sslrootcert.clone(),
        }
    }
}
