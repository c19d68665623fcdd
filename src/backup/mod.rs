//! The backup stage: taking a validated `pg_dump` before migrations change anything, listing
//! and pruning the backups schemagate wrote, and restoring them. It owns the files in the
//! backup directory and the `pg_dump`/`pg_restore` processes; confirmation prompts, advisory
//! locking and reading the server version are the caller's job; [`stage`] is the backup as a
//! step of the deploy.

pub mod bucket;
mod dump;
pub mod error;
mod pg_tools;
pub mod restore;
mod retention;
pub mod scope;
pub mod stage;
mod target;

pub use bucket::{Bucket, BucketUrl, Staging};
pub use dump::{
    BackupInfo, BackupOptions, Sidecar, sidecar_path, take_backup, take_backup_labeled,
    take_backup_within,
};
pub use error::BackupError;
pub use pg_tools::{ToolSearch, find_pg_tool, install_hint, server_major, tool_major};
pub use restore::{
    Loaded, RestoreOptions, ScriptError, TableName, TocEntry, find_table, parse_toc, quote_ident,
    read_toc, run_script, table_closure,
};
pub use retention::{BackupEntry, list_backups, prune};
pub use scope::{Scope, ScopeSetting};
pub use target::DumpTarget;
