//! `backup` and `backups`: a backup taken by hand and the list of backups (`restore` is in
//! [`super::restore`]).

use crate::backup::stage::{Retention, prune};
use crate::backup::{self, DumpTarget, ToolSearch};
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
    let opts = backup::BackupOptions {
        dir: settings.backup_dir.clone(),
        from_version: applied.iter().map(|a| a.version).max(),
        server_version_num: version as u32,
        database_size_bytes: None,
        reporter: Some(*out),
        tools: ToolSearch::from_env(),
        lock_wait_timeout: Some(settings.lock_timeout),
    };
    let target = DumpTarget::from_url(url);
    let info = interrupt::blocking(&mut signals, move || backup::take_backup(&target, &opts))
        .await
        .map_err(|s| s.error("no backup was written"))?
        .map_err(Error::BackupNow)?;
    out.out(&info.path.display().to_string())?;
    let retention = Retention {
        dir: settings.backup_dir.clone(),
        keep: settings.keep_backups,
        lock_wait: settings.lock_timeout,
    };
    prune(&retention, &info.path, out);
    Ok(())
}

/// `backups`: list them, newest first.
pub fn backups(settings: &Settings, json: bool, out: &Reporter) -> Result<()> {
    let list = backup::list_backups(&settings.backup_dir).map_err(Error::Backups)?;
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
