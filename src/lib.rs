//! schemagate: a deploy-time PostgreSQL migration runner.

pub mod lint;
pub mod schema;
pub mod verify;
