//! The commands besides `deploy`: inspection (plan, status, verify, lint, check, snapshot),
//! backups (backup, backups, restore), and recovery (baseline, repair, new).
//!
//! Each one reuses the stages `deploy` is built from; none of them changes the database
//! unless that is its whole point (restore, baseline, repair).

use std::collections::BTreeSet;
use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use tokio_postgres::Client;

use crate::apply::{self, ApplyFailure, Timeouts};
use crate::backup::{self, RestoreOptions, ToolSearch};
use crate::cli::RestoreArgs;
use crate::config::Settings;
use crate::connect;
use crate::deploy::{
    dump_target, lint_offline, lint_pending, lint_policy, load_expected, managed_by_schemagate,
    server_version_num,
};
use crate::error::{Error, Result};
use crate::history::{self, HISTORY_TABLE};
use crate::interrupt::{self, Signals};
use crate::lint::{LintInput, Unparsable};
use crate::lock::Lock;
use crate::migrations::{self, Migration};
use crate::report;
use crate::schema::{ExpectedSchema, Schema, introspect};
use crate::verify;

async fn connect(settings: &Settings) -> Result<Client> {
    connect::connect(settings.require_database()?, settings.wait).await
}

/// `plan`: pending migrations, lint, backup; the exit code deploy would have at that point.
pub async fn plan(settings: &Settings) -> Result<()> {
    let files = migrations::load(&settings.migrations)?;
    let policy = lint_policy(settings)?;
    let mut client = connect(settings).await?;
    let applied = history::read(&client).await?;
    let applied = crate::alembic::adopt(&mut client, settings, &files, applied, true).await?;
    let pending = history::plan(&files, &applied)?;
    if pending.is_empty() {
        println!("nothing pending; deploy would verify and start the app");
        return Ok(());
    }
    println!("{} pending migration(s), in order:", pending.len());
    for m in &pending {
        let how = if m.no_transaction {
            "outside the transaction"
        } else {
            "in the transaction"
        };
        println!("  {} ({how})", m.file_name);
    }
    println!(
        "backup: {}",
        if settings.no_backup {
            "none (no_backup is set)".to_string()
        } else {
            format!("yes, into {}", settings.backup_dir.display())
        }
    );
    let version = server_version_num(&client).await?;
    lint_pending(&client, &pending, &policy, version, Unparsable::Warn)
        .await
        .map(drop)
}

/// `status`: applied, pending, problems, last runs.
pub async fn status(settings: &Settings, json: bool) -> Result<()> {
    let files = migrations::load(&settings.migrations)?;
    let client = connect(settings).await?;
    let applied = history::read(&client).await?;
    let (pending, problems) = match history::plan(&files, &applied) {
        Ok(p) => (
            p.iter().map(|m| m.file_name.clone()).collect::<Vec<_>>(),
            Vec::new(),
        ),
        Err(Error::History { problems }) => (Vec::new(), problems),
        Err(e) => return Err(e),
    };
    let runs = crate::runs::last(&client, 5).await;
    if json {
        let value = serde_json::json!({
            "database": settings.require_database()?.redacted(),
            "applied": applied,
            "pending": pending,
            "problems": problems.iter().map(|p| serde_json::json!({"problem": p, "message": p.to_string()})).collect::<Vec<_>>(),
            "last_runs": runs,
        });
        println!(
            "{}",
            serde_json::to_string_pretty(&value).unwrap_or_default()
        );
    } else {
        println!("database: {}", settings.require_database()?.redacted());
        println!("applied: {}", applied.len());
        for a in &applied {
            println!("  V{}__{}  applied {}", a.version, a.name, a.applied_on);
        }
        println!("pending: {}", pending.len());
        for p in &pending {
            println!("  {p}");
        }
        if !problems.is_empty() {
            println!("problems:");
            for p in &problems {
                println!("  {p}");
            }
        }
        if !runs.is_empty() {
            println!("last runs:");
            for r in &runs {
                println!("  {r}");
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::History { problems })
    }
}

fn require_expected(settings: &Settings, files: &[Migration]) -> Result<ExpectedSchema> {
    load_expected(settings, files)?.ok_or_else(|| {
        Error::Config(format!(
            "no expected schema file at {}\nhint: create it with `schemagate snapshot`",
            settings.expected.display()
        ))
    })
}

/// `verify`: the live database against the expected schema; changes nothing.
pub async fn verify(settings: &Settings, json: bool, strict: bool) -> Result<()> {
    let files = migrations::load(&settings.migrations)?;
    let expected = require_expected(settings, &files)?;
    let client = connect(settings).await?;
    let v = compare_live(&client, &expected).await?;
    if json {
        println!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        for f in &v.findings {
            let kind = if f.is_error(strict) {
                "error"
            } else {
                "warning"
            };
            println!("{kind}: {f}");
        }
        if v.findings.is_empty() {
            println!("the database matches {}", settings.expected.display());
        }
    }
    if v.is_clean(strict) {
        Ok(())
    } else {
        Err(Error::VerificationFailed(format!(
            "the database does not match {}",
            settings.expected.display()
        )))
    }
}

/// `lint`: the given files, every file (`--all`), or the pending migrations.
pub async fn lint(settings: &Settings, all: bool, paths: &[PathBuf]) -> Result<()> {
    let policy = lint_policy(settings)?;
    let loaded: Vec<(String, String)> = if !paths.is_empty() {
        paths
            .iter()
            .map(|p| {
                let sql = migrations::read_sql(p)?;
                Ok((
                    p.file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    sql,
                ))
            })
            .collect::<Result<_>>()?
    } else {
        let files = migrations::load(&settings.migrations)?;
        if all {
            files
                .iter()
                .map(|m| (m.file_name.clone(), m.sql.clone()))
                .collect()
        } else {
            let client = connect(settings).await?;
            let applied = history::read(&client).await?;
            let pending = history::plan(&files, &applied)?;
            let version = server_version_num(&client).await?;
            lint_pending(&client, &pending, &policy, version, Unparsable::Deny).await?;
            println!("{} pending migration(s): lint passed", pending.len());
            return Ok(());
        }
    };
    let inputs: Vec<LintInput> = loaded
        .iter()
        .map(|(f, s)| LintInput { file: f, sql: s })
        .collect();
    let result = lint_offline(&inputs, &policy);
    if result.is_ok() {
        println!("{} file(s): lint passed", inputs.len());
    }
    result
}

/// A database created for one command on the same server, dropped when done.
struct Scratch {
    admin: Client,
    name: String,
}

impl Scratch {
    async fn create(settings: &Settings) -> Result<(Scratch, Client)> {
        let url = settings.require_database()?;
        let admin = connect::connect(url, settings.wait).await?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!("schemagate_scratch_{}_{nanos}", std::process::id());
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .map_err(|e| {
                Error::database("creating a scratch database (the user needs CREATEDB)", &e)
            })?;
        let client = connect::connect(&url.with_dbname(&name), settings.wait).await;
        let scratch = Scratch { admin, name };
        match client {
            Ok(c) => Ok((scratch, c)),
            Err(e) => {
                scratch.drop_now().await;
                Err(e)
            }
        }
    }

    async fn drop_now(self) {
        let _ = self
            .admin
            .batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .await;
    }
}

/// Apply every migration in order to an empty database.
async fn build_from_scratch(client: &mut Client, files: &[Migration]) -> Result<Schema> {
    let timeouts = Timeouts {
        lock_timeout: Duration::ZERO,
        statement_timeout: Duration::ZERO,
    };
    for m in files {
        if m.no_transaction {
            crate::notx::apply(client, m).await?;
            continue;
        }
        let tx = apply::begin(client, timeouts).await?;
        match apply::apply_pending(&tx, &[m]).await {
            Ok(()) => {}
            Err(ApplyFailure::Failed(e)) => return Err(e),
            Err(ApplyFailure::LockTimeout { file, cause }) => {
                return Err(Error::MigrationFailed {
                    location: file,
                    cause,
                    hint: None,
                    rolled_back: "scratch database".into(),
                });
            }
        }
        tx.commit()
            .await
            .map_err(|e| Error::database("committing", &e))?;
    }
    introspect(&*client)
        .await
        .map_err(|e| Error::database("reading the schema", &e))
}

/// The schema all migrations build, on a scratch database that is dropped afterwards: on
/// failure and on Ctrl-C / SIGTERM too.
async fn scratch_schema(settings: &Settings, files: &[Migration]) -> Result<Schema> {
    let mut signals = Signals::listen()?;
    let (scratch, mut client) = tokio::select! {
        created = Scratch::create(settings) => created?,
        s = signals.received() => return Err(s.error("nothing was created")),
    };
    let cancel = client.cancel_token();
    let result = tokio::select! {
        r = build_from_scratch(&mut client, files) => r,
        s = signals.received() => {
            connect::cancel(settings.require_database()?, &cancel).await;
            Err(s.error(format!("the scratch database {} was dropped", scratch.name)))
        }
    };
    drop(client);
    scratch.drop_now().await;
    result
}

fn skip_list() -> Vec<crate::schema::QualifiedName> {
    managed_by_schemagate().into_iter().collect()
}

/// The live database against `expected`, as it is now (nothing vanished is not asked: there
/// is no run to compare with).
async fn compare_live(client: &Client, expected: &ExpectedSchema) -> Result<verify::Verification> {
    let live = introspect(client)
        .await
        .map_err(|e| Error::database("reading the schema", &e))?;
    Ok(verify::verify(
        Some(expected),
        None,
        &live,
        &BTreeSet::new(),
        &managed_by_schemagate(),
    ))
}

/// `snapshot`: write the expected schema file.
pub async fn snapshot(settings: &Settings, output: Option<&Path>, from_live: bool) -> Result<()> {
    let files = migrations::load(&settings.migrations)?;
    let schema = if from_live {
        let client = connect(settings).await?;
        introspect(&client)
            .await
            .map_err(|e| Error::database("reading the schema", &e))?
    } else {
        scratch_schema(settings, &files).await?
    };
    let version = files.iter().map(|m| m.version).max();
    let expected = ExpectedSchema::from_schema(&schema, version, &skip_list());
    let path = output.unwrap_or(&settings.expected);
    std::fs::write(path, expected.to_toml()).map_err(|e| Error::File {
        path: path.to_path_buf(),
        cause: format!("cannot write: {e}"),
    })?;
    // Counted from the file: schemagate's own tables are left out of it.
    report::info(&format!(
        "wrote {} ({} tables, {} enums)",
        path.display(),
        expected.tables.len(),
        expected.enums.len()
    ));
    Ok(())
}

/// `check`: the CI gate.
pub async fn check(settings: &Settings) -> Result<()> {
    let files = migrations::load(&settings.migrations)?;
    let policy = lint_policy(settings)?;
    let inputs: Vec<LintInput> = files.iter().map(|m| m.lint_input()).collect();
    lint_offline(&inputs, &policy)?;
    let expected = require_expected(settings, &files)?;
    let newest = files.iter().map(|m| m.version).max();
    let schema = scratch_schema(settings, &files).await?;
    let v = verify::verify(
        Some(&expected),
        None,
        &schema,
        &BTreeSet::new(),
        &managed_by_schemagate(),
    );
    let stale = expected.version != newest;
    if v.is_clean(true) && !stale {
        println!(
            "check passed: {} migrations build exactly {}",
            files.len(),
            settings.expected.display()
        );
        return Ok(());
    }
    for f in &v.findings {
        println!("{f}");
    }
    if stale {
        let shown = |v: Option<i32>| v.map_or_else(|| "none".to_owned(), |v| v.to_string());
        println!(
            "the file's version is {}, the newest migration is {}",
            shown(expected.version),
            shown(newest)
        );
    }
    let committed = std::fs::read_to_string(&settings.expected).unwrap_or_default();
    let fresh = ExpectedSchema::from_schema(&schema, newest, &skip_list()).to_toml();
    println!("{}", verify::toml_diff(&committed, &fresh));
    Err(Error::VerificationFailed(format!(
        "{} does not match the migrations\nhint: run `schemagate snapshot` and commit the file if the change is intended",
        settings.expected.display()
    )))
}

/// `backup`: take one now.
pub async fn backup(settings: &Settings) -> Result<()> {
    let url = settings.require_database()?;
    let mut signals = Signals::listen()?;
    let client = connect(settings).await?;
    let applied = history::read(&client).await?;
    let version = server_version_num(&client).await?;
    let opts = backup::BackupOptions {
        dir: settings.backup_dir.clone(),
        from_version: applied.iter().map(|a| a.version).max(),
        server_version_num: version as u32,
        database_size_bytes: None,
        progress: true,
        tools: ToolSearch::from_env(),
    };
    let target = dump_target(url);
    let info = interrupt::blocking(&mut signals, move || backup::take_backup(&target, &opts))
        .await
        .map_err(|s| s.error("no backup was written"))?
        .map_err(|e| Error::Backup(e.to_string()))?;
    println!("{}", info.path.display());
    if let Err(e) = backup::prune(&settings.backup_dir, settings.keep_backups, &info.path) {
        report::warn(&format!("could not prune old backups: {e}"));
    }
    Ok(())
}

/// `backups`: list them.
pub fn backups(settings: &Settings) -> Result<()> {
    let list =
        backup::list_backups(&settings.backup_dir).map_err(|e| Error::Backup(e.to_string()))?;
    if list.is_empty() {
        println!("no backups in {}", settings.backup_dir.display());
    }
    for b in list {
        let age = b
            .age
            .map(|a| format!("{}h ago", a.as_secs() / 3600))
            .unwrap_or_default();
        println!(
            "{}  v{}  {} bytes  {age}",
            b.path.display(),
            b.version,
            b.size_bytes
        );
    }
    Ok(())
}

fn confirm(question: &str, yes: bool) -> Result<()> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(Error::Config(format!(
            "{question}\nhint: pass --yes to confirm when not on a terminal"
        )));
    }
    eprint!("{question} [y/N] ");
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    let _ = std::io::stdin().lock().read_line(&mut answer);
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        Err(Error::Config("cancelled".into()))
    }
}

/// `restore FILE`: whole, or chosen tables, under the migration lock.
pub async fn restore(settings: &Settings, args: &RestoreArgs) -> Result<()> {
    let url = settings.require_database()?;
    if !args.file.is_file() {
        return Err(Error::File {
            path: args.file.clone(),
            cause: "no such backup file".into(),
        });
    }
    let what = if args.tables.is_empty() {
        "the whole database".to_string()
    } else {
        args.tables.join(", ")
    };
    confirm(
        &format!(
            "restore {what} of {} from {}?",
            url.redacted(),
            args.file.display()
        ),
        args.yes,
    )?;
    let mut signals = Signals::listen()?;
    let client = connect(settings).await?;
    let lock = Lock::acquire(&client, HISTORY_TABLE, settings.lock_wait).await?;
    if args.data_only
        && let Err(e) = refuse_non_empty(&client, &args.tables).await
    {
        lock.release(&client).await;
        return Err(e);
    }
    let version = server_version_num(&client).await?;
    let opts = RestoreOptions {
        tables: args.tables.clone(),
        data_only: args.data_only,
        server_major: backup::server_major(version as u32),
        tools: ToolSearch::from_env(),
    };
    let target = dump_target(url);
    let file = args.file.clone();
    let result = interrupt::blocking(&mut signals, move || backup::restore(&target, &file, &opts))
        .await
        .map_err(|s| {
            s.error("pg_restore was stopped and its transaction rolled back: nothing was restored")
        })
        .and_then(|r| r.map_err(|e| Error::Backup(e.to_string())));
    lock.release(&client).await;
    result?;
    report::info(&format!("restored {what} from {}", args.file.display()));
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

/// `baseline VERSION`: record migrations up to VERSION as applied without running them, for a
/// database whose schema was made another way (SQLAlchemy's `create_all`, by hand). Unless
/// `force`, only after the live schema was found to satisfy what those migrations require.
pub async fn baseline(settings: &Settings, version: i32, force: bool) -> Result<()> {
    let files = migrations::load(&settings.migrations)?;
    if !files.iter().any(|m| m.version == version) {
        let newest = files
            .iter()
            .max_by_key(|m| m.version)
            .map(|m| m.file_name.as_str());
        return Err(Error::Config(format!(
            "baseline {version}: no migration in {} has version {version} (the newest is {})\nhint: give the version of the last migration whose changes the database already has",
            settings.migrations.display(),
            newest.unwrap_or("none")
        )));
    }
    let mut client = connect(settings).await?;
    let lock = Lock::acquire(&client, HISTORY_TABLE, settings.lock_wait).await?;
    let result = async {
        if force {
            report::warn("--force: recording without checking the live schema");
        } else {
            check_baseline_schema(settings, &client, &files, version).await?;
        }
        let applied = history::read(&client).await?;
        let chosen: Vec<&Migration> = files
            .iter()
            .filter(|m| m.version <= version && !applied.iter().any(|a| a.version == m.version))
            .collect();
        history::record_as_applied(&mut client, &chosen).await?;
        if chosen.is_empty() {
            report::info(&format!(
                "nothing to record: every migration up to version {version} is already applied"
            ));
        } else {
            let names: Vec<&str> = chosen.iter().map(|m| m.file_name.as_str()).collect();
            report::info(&format!(
                "recorded {} migration(s) as applied without running them: {}",
                names.len(),
                names.join(", ")
            ));
        }
        Ok(())
    }
    .await;
    lock.release(&client).await;
    result
}

/// What `baseline VERSION` checks the live schema against: `expected_schema.toml` when it
/// reflects VERSION (or says no version: written by hand), otherwise the schema that the
/// migrations up to VERSION build on a scratch database, since a file written for a later
/// version would require what the later migrations add.
async fn check_baseline_schema(
    settings: &Settings,
    client: &Client,
    files: &[Migration],
    version: i32,
) -> Result<()> {
    let file = crate::schema::expected::load(&settings.expected)?;
    let (expected, source) = match file.filter(|e| e.version.is_none_or(|v| v == version)) {
        Some(expected) => (expected, settings.expected.display().to_string()),
        None => {
            let upto: Vec<Migration> = files
                .iter()
                .filter(|m| m.version <= version)
                .cloned()
                .collect();
            let schema = scratch_schema(settings, &upto).await?;
            (
                ExpectedSchema::from_schema(&schema, Some(version), &skip_list()),
                format!("the schema migrations up to version {version} build"),
            )
        }
    };
    let v = compare_live(client, &expected).await?;
    for f in v.findings.iter().filter(|f| !f.is_error(false)) {
        report::warn(&f.to_string());
    }
    if !v.is_clean(false) {
        let lines: Vec<String> = v.errors(false).map(|f| format!("  {f}")).collect();
        return Err(Error::VerificationFailed(format!(
            "baseline {version}: the live schema does not satisfy {source}, nothing recorded:\n{}\nhint: make the database match (or fix the migrations), or pass --force to record anyway",
            lines.join("\n")
        )));
    }
    report::info(&format!("the live schema satisfies {source}"));
    Ok(())
}

/// `repair`: accept the checksums on disk for applied migrations.
pub async fn repair(settings: &Settings, yes: bool) -> Result<()> {
    let files = migrations::load(&settings.migrations)?;
    let mut client = connect(settings).await?;
    let lock = Lock::acquire(&client, HISTORY_TABLE, settings.lock_wait).await?;
    let result = async {
        let applied = history::read(&client).await?;
        let changes: Vec<(&Migration, u64)> = applied
            .iter()
            .filter_map(|a| {
                let m = files.iter().find(|m| m.version == a.version)?;
                (m.name != a.name || !m.matches_checksum(a.checksum)).then_some((m, a.checksum))
            })
            .collect();
        if let Some((file, _)) = crate::runs::unfinished(&client).await {
            confirm(
                &format!(
                    "{file} failed part-way in the last run: let the next deploy run it again?"
                ),
                yes,
            )?;
            crate::runs::clear_unfinished(&client)
                .await
                .map_err(|e| Error::database("clearing the unfinished migration", &e))?;
            report::info(&format!("cleared {file}: the next deploy runs it again"));
        }
        if changes.is_empty() {
            println!("nothing to repair: every applied migration matches its file");
            return Ok(());
        }
        for (m, old) in &changes {
            println!("  {}: checksum {old} -> {}", m.file_name, m.checksum);
        }
        confirm("record these checksums as applied?", yes)?;
        // All rows or none: a history half repaired would name the rest as edited next time.
        let tx = client
            .transaction()
            .await
            .map_err(|e| Error::database("starting a transaction", &e))?;
        for (m, _) in &changes {
            tx.execute(
                &format!("UPDATE {HISTORY_TABLE} SET name = $2, checksum = $3 WHERE version = $1"),
                &[&m.version, &m.name, &m.checksum.to_string()],
            )
            .await
            .map_err(|e| Error::database("updating the history", &e))?;
        }
        tx.commit()
            .await
            .map_err(|e| Error::database("committing the repaired history", &e))?;
        report::info(&format!("repaired {} history row(s)", changes.len()));
        Ok(())
    }
    .await;
    lock.release(&client).await;
    result
}

/// `new NAME`: the next migration file.
pub fn new(settings: &Settings, name: &str) -> Result<()> {
    let files = if settings.migrations.exists() {
        migrations::load(&settings.migrations)?
    } else {
        Vec::new()
    };
    let file_name = migrations::next_file_name(&files, name)?;
    std::fs::create_dir_all(&settings.migrations).map_err(|e| Error::File {
        path: settings.migrations.clone(),
        cause: e.to_string(),
    })?;
    let path = settings.migrations.join(&file_name);
    let header = format!(
        "-- {file_name}\n-- Applied by `schemagate deploy` inside one transaction with the other pending migrations.\n-- For CREATE INDEX CONCURRENTLY and the like, make the first line: -- schemagate:no-transaction\n\n"
    );
    std::fs::write(&path, header).map_err(|e| Error::File {
        path: path.clone(),
        cause: e.to_string(),
    })?;
    println!("{}", path.display());
    Ok(())
}
