//! schemagate: a deploy-time PostgreSQL migration runner.
//!
//! The deploy reads top to bottom in [`deploy::deploy`]: connect (waiting), lock, load and
//! check the files against the history, lint, back up, apply and verify in one transaction,
//! commit, exec the app. Each stage is a module named after it; [`error::Error`] decides every
//! exit code.

pub mod alembic;
pub mod apply;
pub mod backup;
pub mod cli;
pub mod commands;
pub mod config;
pub mod connect;
pub mod deploy;
pub mod error;
pub mod exec;
pub mod history;
pub mod interrupt;
pub mod lint;
pub mod lock;
pub mod migrations;
pub mod notx;
pub mod pg_error;
pub mod report;
pub mod run;
pub mod runs;
pub mod schema;
pub mod text;
pub mod tls;
pub mod verify;

pub use run::run;
