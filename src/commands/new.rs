//! `new NAME`: the next migration file, numbered after the newest one.

use crate::config::Settings;
use crate::error::{Error, Result};
use crate::migrations;
use crate::report::Reporter;

/// `new NAME`.
pub fn new(settings: &Settings, name: &str, out: &Reporter) -> Result<()> {
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
    out.out(&path.display().to_string())?;
    Ok(())
}
