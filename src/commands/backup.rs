//! `backup`, `backups` and `restore`: a backup taken by hand, the list of backups, and putting
//! one back (whole, or chosen tables), under the migration lock.

use std::path::PathBuf;

use tokio_postgres::Client;

use crate::backup::stage::{Retention, prune, prune_bucket, upload};
use crate::backup::{self, Bucket, BucketUrl, DumpTarget, RestoreOptions, Staging, ToolSearch};
use crate::config::Settings;
use crate::database;
use crate::error::{Error, Result};
use crate::history::{self, HISTORY_TABLE};
use crate::interrupt::{self, Signals};
use crate::lock::Lock;
use crate::report::Reporter;

/// `backup`: take one now.
pub async fn backup(settings: &Settings, out: &Reporter) -> Result<()> {
    let url = settings.require_database()?;
    let mut signals = Signals::listen()?;
    let client = super::connect(settings, out).await?;
    let applied = history::read(&client).await?;
    let version = database::server_version_num(&client).await?;
    let bucket = match &settings.backup_bucket {
        Some(url) => {
            let bucket = Bucket::open(url).map_err(Error::BackupNow)?;
            bucket.check_access().await.map_err(Error::BackupNow)?;
            Some((bucket, Staging::create().map_err(Error::BackupNow)?))
        }
        None => None,
    };
    let opts = backup::BackupOptions {
        dir: match &bucket {
            Some((_, staging)) => staging.path().to_path_buf(),
            None => settings.backup_dir.clone(),
        },
        from_version: applied.iter().map(|a| a.version).max(),
        server_version_num: version as u32,
        database_size_bytes: None,
        reporter: Some(*out),
        tools: ToolSearch::from_env(),
        lock_wait_timeout: Some(settings.lock_timeout),
        scope: backup::Scope::full(),
    };
    let target = DumpTarget::from_url(url);
    let info = interrupt::blocking(&mut signals, move || backup::take_backup(&target, &opts))
        .await
        .map_err(|s| s.error("no backup was written"))?
        .map_err(Error::BackupNow)?;
    if let Some((bucket, _staging)) = &bucket {
        let uploading = async { upload(bucket, &info, out).await.map_err(Error::BackupNow) };
        let url = signals.during(uploading).await.map_err(|stop| match stop {
            interrupt::Stop::Failed(e) => e,
            interrupt::Stop::Signal(s) => s.error("the upload was stopped: no backup was written"),
        })?;
        out.out(&url)?;
        prune_bucket(bucket, settings.keep_backups, &url, out).await;
        return Ok(());
    }
    out.out(&info.path.display().to_string())?;
    let retention = Retention {
        dir: settings.backup_dir.clone(),
        bucket: None,
        scope: backup::Scope::full(),
        keep: settings.keep_backups,
        lock_wait: settings.lock_timeout,
    };
    prune(&retention, &info.path, out);
    Ok(())
}

/// `backups`: list them, newest first.
pub async fn backups(settings: &Settings, json: bool, out: &Reporter) -> Result<()> {
    let list = match &settings.backup_bucket {
        Some(url) => {
            let bucket = Bucket::open(url).map_err(Error::Backups)?;
            bucket.list().await.map_err(Error::Backups)?
        }
        None => backup::list_backups(&settings.backup_dir).map_err(Error::Backups)?,
    };
    if json {
        let value: Vec<serde_json::Value> = list
            .iter()
            .map(|b| {
                serde_json::json!({
                    "file": b.path.display().to_string(),
                    "database": b.database,
                    "taken_at": b.timestamp,
                    "version": b.version,
                    "size_bytes": b.size_bytes,
                    "age_seconds": b.age.map(|a| a.as_secs()),
                    "sidecar": b.sidecar,
                })
            })
            .collect();
        out.out(&serde_json::to_string_pretty(&value).unwrap_or_default())?;
        return Ok(());
    }
    if list.is_empty() {
        out.out(&format!("no backups in {}", settings.backup_dir.display()))?;
    }
    for b in list {
        let age = b.age.map(crate::text::age).unwrap_or_default();
        out.out(&format!(
            "{}  v{}  {} bytes  {age}",
            b.path.display(),
            b.version,
            b.size_bytes
        ))?;
    }
    Ok(())
}

/// What `restore` is asked to put back.
#[derive(Debug, Clone)]
pub struct RestoreRequest {
    /// The backup file.
    pub file: PathBuf,
    /// Only these tables; all when empty.
    pub tables: Vec<String>,
    /// With tables: only their rows, into existing empty tables.
    pub data_only: bool,
    /// Confirmed already (`--yes`).
    pub yes: bool,
}

/// `restore FILE`: whole, or chosen tables, under the migration lock.
pub async fn restore(settings: &Settings, request: &RestoreRequest, out: &Reporter) -> Result<()> {
    let url = settings.require_database()?;
    let remote = in_bucket(settings, &request.file);
    if remote.is_none() && !request.file.is_file() {
        return Err(Error::File {
            path: request.file.clone(),
            cause: "no such backup file".into(),
        });
    }
    // From a bucket: downloaded into a private staging directory first (removed afterwards),
    // then restored from there as any file; pg_restore validates it as it reads. Before the
    // signal handlers: an interrupted download just ends the process, nothing restored.
    let mut _staging = None;
    let mut file = request.file.clone();
    let mut sidecar = std::fs::read(backup::sidecar_path(&request.file))
        .ok()
        .and_then(|b| serde_json::from_slice::<backup::Sidecar>(&b).ok());
    if let Some((location, name)) = remote {
        let staging = Staging::create().map_err(Error::Restore)?;
        let bucket = Bucket::open(&location).map_err(Error::Restore)?;
        out.info(&format!("downloading {}", location.url_of(&name)));
        let (local, downloaded) = bucket
            .download(&name, staging.path())
            .await
            .map_err(Error::Restore)?;
        file = local;
        sidecar = Some(downloaded);
        _staging = Some(staging);
    }
    let tables = scoped_tables(&request.file, &request.tables, sidecar.as_ref(), out)?;
    let what = if tables.is_empty() {
        "the whole database".to_string()
    } else {
        tables.join(", ")
    };
    super::confirm(
        &format!(
            "restore {what} of {} from {}?",
            url.redacted(),
            request.file.display()
        ),
        request.yes,
    )?;
    let mut signals = Signals::listen()?;
    let client = super::connect(settings, out).await?;
    let lock = Lock::acquire(&client, HISTORY_TABLE, settings.lock_wait, out).await?;
    if request.data_only
        && let Err(e) = refuse_non_empty(&client, &tables).await
    {
        lock.release(&client).await;
        return Err(e);
    }
    let version = database::server_version_num(&client).await?;
    let opts = RestoreOptions {
        tables: tables.clone(),
        data_only: request.data_only,
        server_major: backup::server_major(version as u32),
        tools: ToolSearch::from_env(),
    };
    let target = DumpTarget::from_url(url);
    let result = interrupt::blocking(&mut signals, move || backup::restore(&target, &file, &opts))
        .await
        .map_err(|s| {
            s.error("pg_restore was stopped and its transaction rolled back: nothing was restored")
        })
        .and_then(|r| r.map_err(Error::Restore));
    lock.release(&client).await;
    result?;
    out.info(&format!("restored {what} from {}", request.file.display()));
    Ok(())
}

/// The tables to restore. A backup scoped to the tables a deploy could change
/// (`backup_scope = "touched"`) holds the rows of those tables only: restoring it whole
/// restores those tables (the others would come back empty), and a table whose rows it does
/// not hold is refused.
fn scoped_tables(
    file: &std::path::Path,
    asked: &[String],
    sidecar: Option<&backup::Sidecar>,
    out: &Reporter,
) -> Result<Vec<String>> {
    let Some(touched) = sidecar.and_then(|s| s.touched_tables.as_ref()) else {
        return Ok(asked.to_vec());
    };
    let qualified = |t: &str| {
        if t.contains('.') {
            t.to_string()
        } else {
            format!("public.{t}")
        }
    };
    if asked.is_empty() {
        if touched.is_empty() {
            return Err(Error::Restore(backup::BackupError::Invalid {
                path: file.to_path_buf(),
                reason: "this backup is scoped (backup_scope = touched) and holds no table's rows: its deploy changed no existing rows".into(),
            }));
        }
        out.info(&format!(
            "this backup is scoped (backup_scope = touched): restoring the tables whose rows it holds, {}",
            touched.join(", ")
        ));
        return Ok(touched.clone());
    }
    for table in asked {
        if !touched.contains(&qualified(table)) {
            return Err(Error::Restore(backup::BackupError::Invalid {
                path: file.to_path_buf(),
                reason: format!(
                    "table {table}'s rows are not in this backup: it is scoped (backup_scope = touched) to {}",
                    if touched.is_empty() {
                        "no table".to_string()
                    } else {
                        touched.join(", ")
                    }
                ),
            }));
        }
    }
    out.info("this backup is scoped (backup_scope = touched)");
    Ok(asked.to_vec())
}

/// The bucket and object name when `file` is a backup in a bucket: an `s3://` URL, or a bare
/// name (as `backups` lists it, or its last part) with `--backup-dir` a bucket and no such file
/// here.
fn in_bucket(settings: &Settings, file: &std::path::Path) -> Option<(BucketUrl, String)> {
    let text = file.to_str()?;
    if text.starts_with("s3://") {
        return BucketUrl::split_object(text);
    }
    let location = settings.backup_bucket.as_ref()?;
    let bare = !text.contains('/');
    (bare && !file.exists()).then(|| (location.clone(), text.to_string()))
}

/// A data-only restore appends rows: refuse unless every chosen table exists and is empty,
/// so rows are never duplicated or mixed with newer ones.
async fn refuse_non_empty(client: &Client, tables: &[String]) -> Result<()> {
    for table in tables {
        let regclass: Option<String> = client
            .query_one("SELECT to_regclass($1)::text", &[table])
            .await
            .map_err(|e| Error::database("looking up the table", &e))?
            .get(0);
        let Some(regclass) = regclass else {
            return Err(Error::Config(format!(
                "--data-only: table {table} does not exist, nothing restored\nhint: restore it without --data-only to recreate it with its rows"
            )));
        };
        let has_rows: bool = client
            .query_one(&format!("SELECT EXISTS (SELECT 1 FROM {regclass})"), &[])
            .await
            .map_err(|e| Error::database("reading the table", &e))?
            .get(0);
        if has_rows {
            return Err(Error::Config(format!(
                "--data-only: table {table} is not empty, nothing restored (the backup's rows would be added to the current ones)\nhint: empty it first (TRUNCATE {regclass}) if its rows are to be replaced"
            )));
        }
    }
    Ok(())
}
