//! schemagate: a deploy-time PostgreSQL migration runner.

pub mod backup;
pub mod lint;
pub mod schema;
pub mod verify;
