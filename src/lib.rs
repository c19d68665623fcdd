//! schemagate: a deploy-time PostgreSQL migration runner.
//!
//! The deploy reads top to bottom in [`deploy::deploy`]: load the [`Project`] while the
//! [`database`] opens (connect, lock, read), [`plan`], [`lint`], [`backup`], [`apply`] and
//! [`verify`] in one transaction, record the run, exec the app. Each stage is a module named
//! after it and takes plain data; [`Error`] decides every exit code; a [`Reporter`] carries
//! every word. `docs/architecture.md` maps the modules.

pub mod alembic;
pub mod apply;
pub mod backup;
pub mod cli;
pub mod commands;
pub mod config;
pub mod connect;
pub mod database;
pub mod deploy;
pub mod error;
pub mod exec;
pub mod guard;
pub mod history;
pub mod interrupt;
pub mod lint;
pub mod lock;
pub mod migrations;
pub mod pg_error;
pub mod plan;
pub mod pooler;
pub mod project;
pub mod report;
pub mod run;
pub mod runs;
pub mod schema;
pub mod text;
pub mod tls;
pub mod url;
pub mod verify;

pub use config::Settings;
pub use deploy::{DeployOptions, Outcome, deploy};
pub use error::{Error, Result};
pub use lint::Finding as LintFinding;
pub use migrations::Migration;
pub use plan::Plan;
pub use project::Project;
pub use report::Reporter;
pub use run::run;
pub use verify::Finding as SchemaFinding;
