//! `backup` and `backups`: a backup taken by hand and the list of backups (`restore` is in
//! [`super::restore`]).

use crate::backup::stage::{Retention, prune, prune_bucket, upload};
use crate::backup::{self, Bucket, DumpTarget, Staging, ToolSearch};
use crate::config::Settings;
use crate::database;
use crate::error::{Error, Result};
use crate::history;
use crate::interrupt::{self, Signals};
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
    let (wait, reporter) = (settings.wait, *out);
    let take = move || {
        backup::take_backup_within(&target, &opts, wait, |refusal| {
            reporter.info(&format!("backup: waiting for a connection: {refusal}"))
        })
    };
    let info = interrupt::blocking(&mut signals, take)
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
