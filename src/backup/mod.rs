//! The backup stage: taking a validated `pg_dump` before migrations change anything, listing
//! and pruning the backups schemagate wrote, and restoring them. It owns the files in the
//! backup directory and the `pg_dump`/`pg_restore` processes; confirmation prompts, advisory
//! locking and reading the server version are the caller's job; [`stage`] is the backup as a
//! step of the deploy.

mod dump;
pub mod error;
mod pg_tools;
mod restore;
mod retention;
pub mod stage;
mod target;

pub use dump::{BackupInfo, BackupOptions, Sidecar, take_backup, take_backup_within};
pub use error::BackupError;
pub use pg_tools::{ToolSearch, find_pg_tool, install_hint, server_major, tool_major};
pub use restore::{RestoreOptions, restore};
pub use retention::{BackupEntry, list_backups, prune};
pub use target::DumpTarget;
