//! schemagate: a deploy-time PostgreSQL migration runner.
