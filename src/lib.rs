//! schemagate: a deploy-time PostgreSQL migration runner.

pub mod schema;
pub mod verify;
