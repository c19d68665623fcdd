//! `backup`, `backups` and `restore`: a backup taken by hand, the list of backups, and putting
//! one back (whole, or chosen tables), under the migration lock.

use std::path::PathBuf;

use tokio_postgres::Client;

use crate::backup::stage::{Retention, prune};
use crate::backup::{self, DumpTarget, RestoreOptions, ToolSearch};
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
    if !request.file.is_file() {
        return Err(Error::File {
            path: request.file.clone(),
            cause: "no such backup file".into(),
        });
    }
    let what = if request.tables.is_empty() {
        "the whole database".to_string()
    } else {
        request.tables.join(", ")
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
    let url = settings.require_database()?;
    let (client, lock) =
        crate::database::take_lock(client, url, settings.wait, settings.lock_wait, out).await?;
    if request.data_only
        && let Err(e) = refuse_non_empty(&client, &request.tables).await
    {
        lock.release(&client).await;
        return Err(e);
    }
    let version = database::server_version_num(&client).await?;
    let opts = RestoreOptions {
        tables: request.tables.clone(),
        data_only: request.data_only,
        server_major: backup::server_major(version as u32),
        tools: ToolSearch::from_env(),
    };
    let target = DumpTarget::from_url(url);
    let file = request.file.clone();
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
