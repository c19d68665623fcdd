//! The one integration test binary: every module is a stage or a command, run against a real
//! PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres), each
//! test in a database of its own.

mod support;

mod agreement;
mod alembic;
mod atomic;
mod backup;
mod backup_cli;
mod backup_scope;
mod bad_input;
mod buckets;
mod bypasses;
mod ci;
mod commands;
mod connect;
mod corpus;
mod crashes;
mod deploy;
mod gate;
mod guard;
mod history;
mod lint;
mod pgbouncer;
mod poolers;
mod recovery;
mod replicas;
mod restore;
mod s3_store;
mod schema;
mod secrets;
mod server_faults;
mod shipping;
mod signals;
mod verified;
mod wording;
