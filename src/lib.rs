//! schemagate: a deploy-time PostgreSQL migration runner.

pub mod backup;
