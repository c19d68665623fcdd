//! A scratch database: created on the same server for one command (`snapshot`, `check`,
//! `baseline`), built from migration files, read, and dropped afterwards, on failure and on
//! Ctrl-C / SIGTERM too.

use std::time::Duration;

use tokio_postgres::Client;

use crate::apply::{ApplyFailure, Timeouts, notx, transaction};
use crate::config::Settings;
use crate::connect;
use crate::error::{Error, Result};
use crate::interrupt::Signals;
use crate::migrations::Migration;
use crate::report::Reporter;
use crate::schema::{Schema, introspect};

/// A database created for one command on the same server, dropped when done.
struct Scratch {
    admin: Client,
    name: String,
}

impl Scratch {
    async fn create(settings: &Settings, out: &Reporter) -> Result<(Scratch, Client)> {
        let url = settings.require_database()?;
        let admin = connect::connect(url, settings.wait, out).await?;
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
        let client = connect::connect(&url.with_dbname(&name), settings.wait, out).await;
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

/// Apply every migration in order to an empty database. Its progress is not the user's
/// database's: the lines say "scratch".
async fn build(client: &mut Client, files: &[Migration], out: &Reporter) -> Result<Schema> {
    let timeouts = Timeouts {
        lock_timeout: Duration::ZERO,
        statement_timeout: Duration::ZERO,
    };
    for m in files {
        if m.no_transaction {
            notx::apply(client, m, out).await?;
            continue;
        }
        let (tx, _) = transaction::begin(client, timeouts).await?;
        match transaction::apply_pending(&tx, &[m], out).await {
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

/// The schema that `files` build, on a scratch database that is dropped afterwards.
pub async fn schema_of(settings: &Settings, files: &[Migration], out: &Reporter) -> Result<Schema> {
    let out = &out.about("scratch database");
    let mut signals = Signals::listen()?;
    let (scratch, mut client) = tokio::select! {
        created = Scratch::create(settings, out) => created?,
        s = signals.received() => return Err(s.error("nothing was created")),
    };
    let cancel = client.cancel_token();
    let result = tokio::select! {
        r = build(&mut client, files, out) => r,
        s = signals.received() => {
            connect::cancel(settings.require_database()?, &cancel).await;
            Err(s.error(format!("the scratch database {} was dropped", scratch.name)))
        }
    };
    drop(client);
    scratch.drop_now().await;
    result
}
