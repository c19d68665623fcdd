//! `restore FILE [--table T]... [--data-only] [--yes]`: putting a backup back, under the
//! migration lock, in one transaction of ours, recorded in the run log.
//!
//! Whole: the database becomes the backup's state, history included, and nothing more. A
//! backup of the current state (`...-pre-restore.dump`) is taken first; then, in one
//! transaction, every schema's objects are dropped (whatever depends on what) and the archive
//! is restored into the emptied database. The run log (`schemagate_runs`) is neither dropped
//! nor restored: it keeps the runs before the restore and records the restore itself.
//!
//! Tables: a table that no longer exists comes back whole (definition, rows, keys, indexes,
//! owned sequences); a table that exists and is empty gets the backup's rows by column name
//! (columns added since take their defaults). Other tables and the history are not touched.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tokio_postgres::{Client, Transaction};

use crate::backup::stage::{Retention, prune, prune_bucket, upload};
use crate::backup::{
    self, BackupError, BackupOptions, Bucket, BucketUrl, DumpTarget, Loaded, Staging, TableName,
    TocEntry, ToolSearch, find_table, quote_ident, read_toc, run_script, table_closure,
};
use crate::config::Settings;
use crate::database;
use crate::error::{Error, Result};
use crate::history;
use crate::interrupt::{Signals, Stop};
use crate::report::Reporter;
use crate::runs::{self, RUNS_TABLE, Run, TableState};
use crate::url::DbUrl;

/// What `restore` is asked to put back.
#[derive(Debug, Clone)]
pub struct RestoreRequest {
    /// The backup file.
    pub file: PathBuf,
    /// Only these tables, as typed; all when empty.
    pub tables: Vec<String>,
    /// With tables: only their rows, into existing empty tables.
    pub data_only: bool,
    /// Confirmed already (`--yes`).
    pub yes: bool,
}

/// What a restore did, for the run log and the last lines of output.
struct Done {
    to_version: Option<i32>,
    pre_restore: Option<PathBuf>,
    message: String,
}

/// `restore FILE`: whole, or chosen tables, under the migration lock.
pub async fn restore(settings: &Settings, request: &RestoreRequest, out: &Reporter) -> Result<()> {
    let started = SystemTime::now();
    let url = settings.require_database()?;
    let remote = in_bucket(settings, &request.file);
    if remote.is_none() && !request.file.is_file() {
        return Err(Error::File {
            path: request.file.clone(),
            cause: "no such backup file".into(),
        });
    }
    let asked = request
        .tables
        .iter()
        .map(|t| {
            TableName::parse(t).map_err(|why| {
                Error::Config(format!(
                    "--table {t}: not a table name: {why}\nhint: write it as PostgreSQL does: users, public.users, '\"Users\"', '\"Mixed Case\".\"Users\"'"
                ))
            })
        })
        .collect::<Result<Vec<_>>>()?;
    // From a bucket: downloaded into a private staging directory first (removed when `_staging`
    // drops), then restored from there as any file; pg_restore validates it as it reads.
    let mut _staging = None;
    let mut local = request.clone();
    let mut sidecar = std::fs::read(backup::sidecar_path(&request.file))
        .ok()
        .and_then(|b| serde_json::from_slice::<backup::Sidecar>(&b).ok());
    if let Some((location, name)) = remote {
        let staging = Staging::create().map_err(Error::Restore)?;
        let bucket = Bucket::open(&location).map_err(Error::Restore)?;
        out.info(&format!("downloading {}", location.url_of(&name)));
        let (file, downloaded) = bucket
            .download(&name, staging.path())
            .await
            .map_err(Error::Restore)?;
        local.file = file;
        sidecar = Some(downloaded);
        _staging = Some(staging);
    }
    let tables = scoped_tables(&request.file, asked, sidecar.as_ref(), out)?;
    let request = &local;
    if request.data_only && tables.is_empty() {
        return Err(Error::Config(
            "--data-only needs at least one --table".into(),
        ));
    }
    let mut signals = Signals::listen()?;
    let client = super::connect(settings, out).await?;
    // Waiting for a deploy in flight holds no connection it may need.
    let (mut client, lock) =
        database::take_lock(client, url, settings.wait, settings.lock_wait, out).await?;
    let before = current_version(&client).await;
    let cancel = client.cancel_token();
    let result = signals
        .during(locked(settings, url, &mut client, request, &tables, out))
        .await;
    if let Err(Stop::Signal(_)) = &result {
        // The statement in flight (a DROP waiting for the app's lock, a COPY) is stopped, so the
        // ROLLBACK the dropped transaction sent runs at once.
        crate::connect::cancel(url, &cancel).await;
    }
    // The script's session settings (an empty search_path) end with the restore.
    let _ = client.batch_execute("RESET ALL").await;
    let result = match result {
        Ok(done) => Ok(done),
        Err(Stop::Failed(e)) => Err(e),
        Err(Stop::Signal(s)) => {
            let now = current_version(&client).await;
            Err(s.error(format!(
                "the restore was stopped and its transaction rolled back; the history is at version {} as before",
                now.map_or("none".into(), |v| v.to_string())
            )))
        }
    };
    let what = if tables.is_empty() {
        "the whole database".to_string()
    } else {
        names(&tables)
    };
    let run = Run {
        started,
        from_version: before,
        to_version: match &result {
            Ok(done) => done.to_version,
            Err(_) => current_version(&client).await,
        },
        backup_file: result
            .as_ref()
            .ok()
            .and_then(|d| d.pre_restore.as_ref())
            .map(|p| p.display().to_string()),
        outcome: if result.is_ok() {
            "restored".into()
        } else {
            "restore-failed".into()
        },
        message: Some(match &result {
            Ok(done) => done.message.clone(),
            Err(e) => format!("restore {what} from {}: {e}", request.file.display()),
        }),
        unfinished: None,
        verified: None,
    };
    // A restore refused before it started (not confirmed) changed nothing worth a row.
    if !matches!(&result, Err(Error::Config(_))) {
        runs::record(&client, &run, TableState::Unknown, false, out).await;
    }
    lock.release(&client).await;
    result.map(|_| ())
}

async fn current_version(client: &Client) -> Option<i32> {
    history::read(client)
        .await
        .ok()
        .and_then(|a| a.iter().map(|a| a.version).max())
}

fn names(tables: &[TableName]) -> String {
    tables
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Everything after the lock was taken.
async fn locked(
    settings: &Settings,
    url: &DbUrl,
    client: &mut Client,
    request: &RestoreRequest,
    tables: &[TableName],
    out: &Reporter,
) -> Result<Done> {
    let server = database::server_version_num(client).await?;
    let major = backup::server_major(server as u32);
    let tools = ToolSearch::from_env();
    let pg_restore = tools.find("pg_restore", major).map_err(Error::Restore)?;
    let file = &request.file;
    let toc = read_toc(&pg_restore, file).await.map_err(Error::Restore)?;

    let mut chosen: Vec<(TableName, u32)> = Vec::new();
    for t in tables {
        match find_table(&pg_restore, file, t)
            .await
            .map_err(Error::Restore)?
        {
            Some(id) => chosen.push((t.clone(), id)),
            None => return Err(not_in_backup(t, file, &toc)),
        }
    }

    warn_about_sessions(client, out).await?;
    let now = current_version(client).await;
    let backup_version = backup_version(file);
    let version = |v: Option<i32>| v.map_or("none".to_string(), |v| v.to_string());
    if tables.is_empty() {
        warn_about_later_tables(client, &toc, out).await?;
    }
    let question = if tables.is_empty() {
        format!(
            "restore the whole database {} to {} (taken at version {}; the database is at version {} now)? Every change since that backup is undone; a backup of the current state is taken first",
            url.redacted(),
            file.display(),
            version(backup_version),
            version(now)
        )
    } else {
        format!(
            "restore {} of {} from {}?",
            names(tables),
            url.redacted(),
            file.display()
        )
    };
    super::confirm(&question, request.yes)?;

    if tables.is_empty() {
        whole(settings, url, client, &pg_restore, file, &toc, server, out).await
    } else {
        chosen_tables(
            settings,
            client,
            &pg_restore,
            file,
            &toc,
            &chosen,
            request.data_only,
            out,
        )
        .await
    }
}

/// A usage error naming the tables of the archive that differ only in case or quoting.
fn not_in_backup(t: &TableName, file: &Path, toc: &[TocEntry]) -> Error {
    let lower = t.name.to_lowercase();
    let near: Vec<String> = toc
        .iter()
        .filter(|e| e.kind == "TABLE" && e.rest.to_lowercase().contains(&lower))
        .map(|e| {
            let mut words: Vec<&str> = e.rest.split(' ').collect();
            words.pop();
            words.join(" ")
        })
        .collect();
    let hint = if near.is_empty() {
        "hint: `pg_restore --list FILE` lists what the backup holds".to_string()
    } else {
        format!(
            "hint: the backup has (schema, table): {}; quote mixed-case names: '\"Users\"'",
            near.join("; ")
        )
    };
    Error::Config(format!(
        "table {t} is not in {}, nothing restored\n{hint}",
        file.display()
    ))
}

/// The version in the backup's sidecar, else in its file name.
fn backup_version(file: &Path) -> Option<i32> {
    let mut sidecar = file.as_os_str().to_owned();
    sidecar.push(".json");
    if let Some(s) = std::fs::read(&sidecar)
        .ok()
        .and_then(|b| serde_json::from_slice::<backup::Sidecar>(&b).ok())
    {
        return Some(s.schema_version);
    }
    let name = file.file_name()?.to_str()?;
    let stem = name.strip_suffix(".dump")?;
    let stem = stem.strip_suffix("-pre-restore").unwrap_or(stem);
    stem.rsplit_once("-v")?.1.parse().ok()
}

/// Names the other sessions connected to this database: they may write during the restore,
/// or hold locks it waits for.
async fn warn_about_sessions(client: &Client, out: &Reporter) -> Result<()> {
    let rows = client
        .query(
            "SELECT pid, coalesce(nullif(application_name, ''), '(none)'), \
                    CASE WHEN client_port = -1 THEN 'local socket' \
                         ELSE coalesce(host(client_addr), '(hidden: needs pg_read_all_stats)') END, \
                    coalesce(usename::text, ''), coalesce(state, 'state hidden') \
             FROM pg_stat_activity \
             WHERE datname = current_database() AND pid <> pg_backend_pid() \
               AND backend_type = 'client backend' ORDER BY pid",
            &[],
        )
        .await
        .map_err(|e| Error::database("listing the other sessions", &e))?;
    if rows.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "pid {} application_name {} from {} user {} ({})",
                r.get::<_, i32>(0),
                r.get::<_, String>(1),
                r.get::<_, String>(2),
                r.get::<_, String>(3),
                r.get::<_, String>(4),
            )
        })
        .collect();
    out.warn(&format!(
        "{} other session(s) are connected to this database: {}\nthey may write during the restore (lost or refused) or hold locks it waits for: stop the app first (README, Recovery)",
        rows.len(),
        list.join("; ")
    ));
    Ok(())
}

/// Names the tables the whole restore drops and does not bring back (made after the backup, or
/// left out of it), before the question: a person confirms knowing what goes.
async fn warn_about_later_tables(client: &Client, toc: &[TocEntry], out: &Reporter) -> Result<()> {
    let rows = client
        .query(
            "SELECT n.nspname::text, c.relname::text, c.reltuples::int8 FROM pg_class c \
             JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname !~ '^pg_' \
               AND n.nspname <> 'information_schema' AND c.relname <> $1 ORDER BY 1, 2",
            &[&RUNS_TABLE],
        )
        .await
        .map_err(|e| Error::database("listing the tables", &e))?;
    let gone: Vec<String> = rows
        .iter()
        .filter_map(|r| {
            let t = TableName {
                schema: r.get(0),
                name: r.get(1),
            };
            let prefix = format!("{} {} ", t.schema, t.name);
            let in_backup = toc
                .iter()
                .any(|e| e.kind == "TABLE" && e.rest.starts_with(&prefix));
            let rows: i64 = r.get(2);
            (!in_backup).then(|| match rows {
                n if n > 0 => format!("{t} (about {n} rows)"),
                _ => t.to_string(),
            })
        })
        .collect();
    if !gone.is_empty() {
        out.warn(&format!(
            "the backup does not have {} table(s), which the restore drops: {}",
            gone.len(),
            gone.join(", ")
        ));
    }
    Ok(())
}

/// A restore whose transaction failed: nothing of it stays.
fn rolled_back(e: impl std::fmt::Display) -> Error {
    Error::RestoreFailed {
        cause: e.to_string(),
        outcome: "rolled back: the database is as it was before the restore".into(),
    }
}

async fn begin<'a>(client: &'a mut Client, settings: &Settings) -> Result<Transaction<'a>> {
    let tx = client
        .transaction()
        .await
        .map_err(|e| Error::database("starting the restore transaction", &e))?;
    // A session of the app holding a lock must not make the restore wait for ever.
    let ms = settings.lock_timeout.as_millis();
    tx.batch_execute(&format!("SET LOCAL lock_timeout = {ms}"))
        .await
        .map_err(|e| Error::database("setting lock_timeout", &e))?;
    Ok(tx)
}

async fn commit(tx: Transaction<'_>) -> Result<()> {
    tx.commit().await.map_err(|e| Error::RestoreFailed {
        cause: format!("COMMIT: {}", crate::pg_error::describe(&e)),
        outcome:
            "whether the restore was committed is not known: `schemagate status` shows the history"
                .into(),
    })
}

/// The whole database: a backup of the current state, then one transaction that empties the
/// database (the run log apart) and restores the archive.
#[allow(clippy::too_many_arguments)]
async fn whole(
    settings: &Settings,
    url: &DbUrl,
    client: &mut Client,
    pg_restore: &Path,
    file: &Path,
    toc: &[TocEntry],
    server: i32,
    out: &Reporter,
) -> Result<Done> {
    let from = current_version(client).await;
    // With a bucket, the backup of the current state goes there too (staged, then uploaded).
    let bucket = match &settings.backup_bucket {
        Some(location) => {
            let bucket = Bucket::open(location).map_err(pre_restore_failed)?;
            Some((bucket, Staging::create().map_err(pre_restore_failed)?))
        }
        None => None,
    };
    let opts = BackupOptions {
        dir: match &bucket {
            Some((_, staging)) => staging.path().to_path_buf(),
            None => settings.backup_dir.clone(),
        },
        from_version: from,
        server_version_num: server as u32,
        database_size_bytes: None,
        reporter: Some(*out),
        tools: ToolSearch::from_env(),
        lock_wait_timeout: Some(settings.lock_timeout),
        scope: backup::Scope::full(),
    };
    let target = DumpTarget::from_url(url);
    let pre = tokio::task::spawn_blocking(move || {
        backup::take_backup_labeled(&target, &opts, Some("pre-restore"))
    })
    .await
    .map_err(|e| Error::internal(format!("the backup thread failed: {e}")))?
    .map_err(|e| Error::RestoreFailed {
        cause: format!("the backup of the current state could not be taken: {e}"),
        outcome: "nothing was restored".into(),
    })?;
    let pre_path = match &bucket {
        Some((bucket, _staging)) => {
            let url = upload(bucket, &pre, out)
                .await
                .map_err(pre_restore_failed)?;
            PathBuf::from(url)
        }
        None => pre.path.clone(),
    };
    out.info(&format!(
        "backup of the current state: {} ({} bytes) in {} ms",
        pre_path.display(),
        pre.size_bytes,
        pre.duration.as_millis()
    ));

    let tx = begin(client, settings).await?;
    let kept = empty_database(&tx, toc).await.map_err(|e| {
        rolled_back(format!(
            "emptying the database: {}",
            crate::pg_error::describe(&e)
        ))
    })?;
    let runs_table = TableName {
        schema: kept.runs_schema.clone(),
        name: RUNS_TABLE.into(),
    };
    let runs_ids = match find_table(pg_restore, file, &runs_table)
        .await
        .map_err(Error::Restore)?
    {
        Some(id) => table_closure(toc, &runs_table, id),
        None => Default::default(),
    };
    let list: String = toc
        .iter()
        .filter(|e| !runs_ids.contains(&e.id))
        .filter(|e| {
            !(e.kind == "SCHEMA"
                && kept
                    .schemas
                    .iter()
                    .any(|s| e.rest.starts_with(&format!("- {s} "))))
        })
        .map(|e| format!("{}\n", e.line))
        .collect();
    let loaded = run_script(&tx, pg_restore, file, &list, true)
        .await
        .map_err(rolled_back)?;
    commit(tx).await?;
    // Only now: the backup being restored may be among the oldest, and pg_restore reads it
    // until the end.
    match &bucket {
        Some((bucket, _staging)) => {
            let url = pre_path.display().to_string();
            prune_bucket(bucket, settings.keep_backups, &url, out).await;
        }
        None => prune(
            &Retention {
                dir: settings.backup_dir.clone(),
                bucket: None,
                scope: backup::Scope::full(),
                keep: settings.keep_backups,
                lock_wait: settings.lock_timeout,
            },
            &pre.path,
            out,
        ),
    }
    client
        .batch_execute("RESET ALL")
        .await
        .map_err(|e| Error::database("resetting the session", &e))?;
    let to = current_version(client).await;
    let rows: u64 = loaded.iter().map(|l| l.rows).sum();
    let version = to.map_or("none (no migration applied)".to_string(), |v| v.to_string());
    let message = format!(
        "restored the whole database from {}: {} table(s), {rows} row(s); the history is at version {version}; the state before the restore is in {}",
        file.display(),
        loaded.len(),
        pre_path.display()
    );
    out.info(&message);
    out.info("the next deploy applies the migrations after that version again: remove the bad ones from the repository first");
    Ok(Done {
        to_version: to,
        pre_restore: Some(pre_path),
        message,
    })
}

/// What emptying the database kept.
struct Kept {
    /// Schemas whose objects were dropped but which were not: `public`, the run log's.
    schemas: Vec<String>,
    /// The run log's schema.
    runs_schema: String,
}

/// Drops every object of every schema except the run log (and its sequence), whatever depends
/// on what: schemas other than `public` and the run log's whole, with CASCADE; in those two,
/// each table, view, sequence, routine and type. Extensions the archive does not create go too;
/// objects of extensions stay (the archive's `CREATE EXTENSION IF NOT EXISTS` keeps them).
async fn empty_database(
    tx: &Transaction<'_>,
    toc: &[TocEntry],
) -> Result<Kept, tokio_postgres::Error> {
    let runs = tx
        .query_opt(
            "SELECT c.oid, n.nspname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE c.oid = to_regclass($1)",
            &[&RUNS_TABLE],
        )
        .await?;
    let (runs_oid, runs_schema): (Option<u32>, String) = match &runs {
        Some(r) => (Some(r.get(0)), r.get(1)),
        None => (None, "public".into()),
    };
    let mut kept = vec!["public".to_string()];
    if !kept.contains(&runs_schema) {
        kept.push(runs_schema.clone());
    }
    let mut statements: Vec<String> = Vec::new();
    for row in tx
        .query(
            "SELECT nspname::text FROM pg_namespace n WHERE nspname !~ '^pg_' \
             AND nspname <> 'information_schema' AND NOT (nspname = ANY($1)) \
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_namespace'::regclass \
                             AND d.objid = n.oid AND d.deptype = 'e') ORDER BY 1",
            &[&kept],
        )
        .await?
    {
        statements.push(format!(
            "DROP SCHEMA IF EXISTS {} CASCADE",
            quote_ident(row.get(0))
        ));
    }
    let not_extension = |class: &str, oid: &str| {
        format!(
            "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '{class}'::regclass \
             AND d.objid = {oid} AND d.deptype = 'e')"
        )
    };
    let objects = [
        format!(
            "SELECT format('DROP %s IF EXISTS %I.%I CASCADE', CASE c.relkind WHEN 'v' THEN 'VIEW' \
               WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' \
               ELSE 'TABLE' END, n.nspname, c.relname) \
             FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = ANY($1) AND c.relkind IN ('r','p','v','m','S','f') \
               AND c.oid IS DISTINCT FROM $2::oid AND {} \
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass \
                   AND d.objid = c.oid AND d.refobjid = $2::oid AND d.deptype IN ('a','i')) \
             ORDER BY c.oid",
            not_extension("pg_class", "c.oid")
        ),
        format!(
            "SELECT format('DROP %s IF EXISTS %s CASCADE', CASE p.prokind WHEN 'a' THEN 'AGGREGATE' \
               WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, p.oid::regprocedure) \
             FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
             WHERE n.nspname = ANY($1) AND {} ORDER BY p.oid",
            not_extension("pg_proc", "p.oid")
        ),
        format!(
            "SELECT format('DROP %s IF EXISTS %s CASCADE', CASE t.typtype WHEN 'd' THEN 'DOMAIN' \
               ELSE 'TYPE' END, t.oid::regtype) \
             FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
             WHERE n.nspname = ANY($1) AND (t.typtype IN ('e','d','r') OR (t.typtype = 'c' AND \
               (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')) \
               AND {} ORDER BY t.oid",
            not_extension("pg_type", "t.oid")
        ),
    ];
    for (i, sql) in objects.iter().enumerate() {
        let rows = if i == 0 {
            tx.query(sql.as_str(), &[&kept, &runs_oid]).await?
        } else {
            tx.query(sql.as_str(), &[&kept]).await?
        };
        statements.extend(rows.iter().map(|r| r.get::<_, String>(0)));
    }
    for row in tx
        .query(
            "SELECT extname::text FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1",
            &[],
        )
        .await?
    {
        let name: String = row.get(0);
        let in_archive = toc.iter().any(|e| {
            e.kind == "EXTENSION"
                && (e.rest == format!("- {name}") || e.rest.starts_with(&format!("- {name} ")))
        });
        if !in_archive {
            statements.push(format!(
                "DROP EXTENSION IF EXISTS {} CASCADE",
                quote_ident(&name)
            ));
        }
    }
    // One at a time: a CASCADE may already have dropped what a later statement names.
    for s in &statements {
        tx.batch_execute(s).await?;
    }
    Ok(Kept {
        schemas: kept,
        runs_schema,
    })
}

/// The chosen tables, in one transaction: missing ones whole, existing empty ones their rows.
#[allow(clippy::too_many_arguments)]
async fn chosen_tables(
    settings: &Settings,
    client: &mut Client,
    pg_restore: &Path,
    file: &Path,
    toc: &[TocEntry],
    chosen: &[(TableName, u32)],
    data_only: bool,
    out: &Reporter,
) -> Result<Done> {
    let tx = begin(client, settings).await?;
    let mut selected = std::collections::BTreeSet::new();
    let mut existing: Vec<&TableName> = Vec::new();
    for (t, id) in chosen {
        let closure = table_closure(toc, t, *id);
        let live: Option<String> = tx
            .query_one("SELECT to_regclass($1)::text", &[&t.quoted()])
            .await
            .map_err(|e| Error::database("looking up the table", &e))?
            .get(0);
        match live {
            None if data_only => {
                return Err(Error::Config(format!(
                    "--data-only: table {t} does not exist, nothing restored\nhint: leave out --data-only to bring it back whole, with its rows"
                )));
            }
            None => {
                selected.extend(closure);
                // Its schema went too (dropped with CASCADE): it comes back first.
                let schema_exists: bool = tx
                    .query_one(
                        "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)",
                        &[&t.schema],
                    )
                    .await
                    .map_err(|e| Error::database("looking up the schema", &e))?
                    .get(0);
                if !schema_exists {
                    let prefix = format!("- {} ", t.schema);
                    selected.extend(
                        toc.iter()
                            .filter(|e| e.kind == "SCHEMA" && e.rest.starts_with(&prefix))
                            .map(|e| e.id),
                    );
                }
            }
            Some(_) => {
                let has_rows: bool = tx
                    .query_one(
                        &format!("SELECT EXISTS (SELECT 1 FROM {})", t.quoted()),
                        &[],
                    )
                    .await
                    .map_err(|e| Error::database("reading the table", &e))?
                    .get(0);
                if has_rows {
                    return Err(Error::Config(format!(
                        "table {t} exists and is not empty, nothing restored (the backup's rows would be added to the current ones)\nhint: empty it first (TRUNCATE {}) if its rows are to be replaced",
                        t.quoted()
                    )));
                }
                selected.extend(
                    toc.iter()
                        .filter(|e| e.kind == "TABLE DATA" && closure.contains(&e.id))
                        .map(|e| e.id),
                );
                existing.push(t);
            }
        }
    }
    let list: String = toc
        .iter()
        .filter(|e| selected.contains(&e.id))
        .map(|e| format!("{}\n", e.line))
        .collect();
    let loaded = run_script(&tx, pg_restore, file, &list, true)
        .await
        .map_err(rolled_back)?;
    for t in &existing {
        advance_sequences(&tx, t).await.map_err(|e| {
            rolled_back(format!(
                "moving the sequences of {t} past the restored rows: {}",
                crate::pg_error::describe(&e)
            ))
        })?;
    }
    commit(tx).await?;
    let lines: Vec<String> = loaded.iter().map(loaded_line).collect();
    for (t, _) in chosen {
        let how = if existing.contains(&t) {
            "rows restored into the existing table"
        } else {
            "restored whole"
        };
        out.info(&format!("{t}: {how}"));
    }
    for line in &lines {
        out.out(line)?;
    }
    let message = format!(
        "restored {} from {}: {}",
        names(&chosen.iter().map(|(t, _)| t.clone()).collect::<Vec<_>>()),
        file.display(),
        lines.join(", ")
    );
    out.info(&message);
    Ok(Done {
        to_version: current_version(client).await,
        pre_restore: None,
        message,
    })
}

fn loaded_line(l: &Loaded) -> String {
    format!("{}: {} row(s)", l.table, l.rows)
}

/// Serial and identity sequences of `t` moved past its highest value, never back: rows were
/// loaded with their own ids.
async fn advance_sequences(
    tx: &Transaction<'_>,
    t: &TableName,
) -> Result<(), tokio_postgres::Error> {
    let rows = tx
        .query(
            "SELECT a.attname::text, pg_get_serial_sequence($1, a.attname) FROM pg_attribute a \
             WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped \
               AND pg_get_serial_sequence($1, a.attname) IS NOT NULL",
            &[&t.quoted()],
        )
        .await?;
    for row in rows {
        let column: String = row.get(0);
        let sequence: String = row.get(1);
        tx.batch_execute(&format!(
            "SELECT setval('{seq}', m) FROM (SELECT max({col}) AS m FROM {table}) s \
             WHERE m > (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM {sequence})",
            seq = sequence.replace('\'', "''"),
            col = quote_ident(&column),
            table = t.quoted(),
        ))
        .await?;
    }
    Ok(())
}

fn pre_restore_failed(e: BackupError) -> Error {
    Error::RestoreFailed {
        cause: format!("the backup of the current state could not be taken: {e}"),
        outcome: "nothing was restored".into(),
    }
}

/// The tables to restore. A backup scoped to the tables a deploy could change
/// (`backup_scope = "touched"`) holds the rows of those tables only: restoring it whole
/// restores those tables (the others would come back empty), and a table whose rows it does
/// not hold is refused.
fn scoped_tables(
    file: &Path,
    asked: Vec<TableName>,
    sidecar: Option<&backup::Sidecar>,
    out: &Reporter,
) -> Result<Vec<TableName>> {
    let Some(touched) = sidecar.and_then(|s| s.touched_tables.as_ref()) else {
        return Ok(asked);
    };
    let touched: Vec<TableName> = touched
        .iter()
        .filter_map(|t| TableName::parse(t).ok())
        .collect();
    let invalid = |reason: String| {
        Error::Restore(BackupError::Invalid {
            path: file.to_path_buf(),
            reason,
        })
    };
    if asked.is_empty() {
        if touched.is_empty() {
            return Err(invalid("this backup is scoped (backup_scope = touched) and holds no table's rows: its deploy changed no existing rows".into()));
        }
        out.info(&format!(
            "this backup is scoped (backup_scope = touched): restoring the tables whose rows it holds, {}",
            names(&touched)
        ));
        return Ok(touched);
    }
    for table in &asked {
        if !touched.contains(table) {
            return Err(invalid(format!(
                "table {table}'s rows are not in this backup: it is scoped (backup_scope = touched) to {}",
                if touched.is_empty() {
                    "no table".to_string()
                } else {
                    names(&touched)
                }
            )));
        }
    }
    out.info("this backup is scoped (backup_scope = touched)");
    Ok(asked)
}

/// The bucket and object name when `file` is a backup in a bucket: an `s3://` URL, or a bare
/// name (as `backups` lists it, or its last part) with `--backup-dir` a bucket and no such file
/// here.
fn in_bucket(settings: &Settings, file: &Path) -> Option<(BucketUrl, String)> {
    let text = file.to_str()?;
    if text.starts_with("s3://") {
        return BucketUrl::split_object(text);
    }
    let location = settings.backup_bucket.as_ref()?;
    let bare = !text.contains('/');
    (bare && !file.exists()).then(|| (location.clone(), text.to_string()))
}
