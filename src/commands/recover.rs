//! `baseline` and `repair`: the history told what a person knows, under the migration lock.
//! `baseline VERSION` records migrations as applied without running them (after checking the
//! live schema has what they make); `repair` accepts intended edits and lets a migration that
//! failed part-way run again.

use tokio_postgres::Client;

use crate::config::Settings;
use crate::error::{Error, Result, VerificationContext, VerificationFailure};
use crate::history::{self, HISTORY_TABLE};
use crate::migrations::{self, Migration};
use crate::report::Reporter;
use crate::runs;
use crate::schema::ExpectedSchema;
use crate::verify::gate::compare_live;

/// `baseline VERSION`: record migrations up to VERSION as applied without running them, for a
/// database whose schema was made another way (SQLAlchemy's `create_all`, by hand). Unless
/// `force`, only after the live schema was found to satisfy what those migrations require.
pub async fn baseline(
    settings: &Settings,
    version: i32,
    force: bool,
    out: &Reporter,
) -> Result<()> {
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
    let client = super::connect(settings, out).await?;
    let url = settings.require_database()?;
    let (mut client, lock) =
        crate::database::take_lock(client, url, settings.wait, settings.lock_wait, out).await?;
    let result = async {
        if force {
            out.warn("--force: recording without checking the live schema");
        } else {
            check_baseline_schema(settings, &client, &files, version, out).await?;
        }
        let applied = history::read(&client).await?;
        let chosen: Vec<&Migration> = files
            .iter()
            .filter(|m| m.version <= version && !applied.iter().any(|a| a.version == m.version))
            .collect();
        history::record_as_applied(&mut client, &chosen, out).await?;
        if chosen.is_empty() {
            out.info(&format!(
                "nothing to record: every migration up to version {version} is already applied"
            ));
        } else {
            let names: Vec<&str> = chosen.iter().map(|m| m.file_name.as_str()).collect();
            out.info(&format!(
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
    out: &Reporter,
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
            let schema = super::scratch::schema_of(settings, &upto, out).await?;
            (
                ExpectedSchema::from_schema(&schema, Some(version), &super::check::skip_list()),
                format!("the schema migrations up to version {version} build"),
            )
        }
    };
    let v = compare_live(client, &expected).await?;
    for f in v.findings.iter().filter(|f| !f.is_error(false)) {
        out.warn(&f.to_string());
    }
    if !v.is_clean(false) {
        return Err(Error::VerificationFailed(VerificationFailure {
            findings: v.errors(false).cloned().collect(),
            context: VerificationContext::Baseline { version, source },
        }));
    }
    out.info(&format!("the live schema satisfies {source}"));
    Ok(())
}

/// `repair`: accept the checksums on disk for applied migrations, and let a migration that
/// failed part-way run again.
pub async fn repair(settings: &Settings, yes: bool, out: &Reporter) -> Result<()> {
    let files = migrations::load(&settings.migrations)?;
    let client = super::connect(settings, out).await?;
    let url = settings.require_database()?;
    let (mut client, lock) =
        crate::database::take_lock(client, url, settings.wait, settings.lock_wait, out).await?;
    let result = async {
        let applied = history::read(&client).await?;
        let changes: Vec<(&Migration, u64)> = applied
            .iter()
            .filter_map(|a| {
                let m = files.iter().find(|m| m.version == a.version)?;
                (m.name != a.name || !m.matches_checksum(a.checksum)).then_some((m, a.checksum))
            })
            .collect();
        if let Some((file, _)) = runs::unfinished(&client).await {
            super::confirm(
                &format!(
                    "{file} failed part-way in the last run: let the next deploy run it again?"
                ),
                yes,
            )?;
            runs::clear_unfinished(&client)
                .await
                .map_err(|e| Error::database("clearing the unfinished migration", &e))?;
            out.info(&format!("cleared {file}: the next deploy runs it again"));
        }
        if changes.is_empty() {
            out.out("nothing to repair: every applied migration matches its file")?;
            return Ok(());
        }
        for (m, old) in &changes {
            out.out(&format!(
                "  {}: checksum {old} -> {}",
                m.file_name, m.checksum
            ))?;
        }
        super::confirm("record these checksums as applied?", yes)?;
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
        let repaired: Vec<&Migration> = changes.iter().map(|(m, _)| *m).collect();
        history::record_statements(
            &tx,
            HISTORY_TABLE,
            &repaired,
            history::Within::Transaction,
            out,
        )
        .await
        .map_err(|e| Error::database("updating the history", &e))?;
        tx.commit()
            .await
            .map_err(|e| Error::database("committing the repaired history", &e))?;
        out.info(&format!("repaired {} history row(s)", changes.len()));
        Ok(())
    }
    .await;
    lock.release(&client).await;
    result
}
