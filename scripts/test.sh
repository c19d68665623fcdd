#!/usr/bin/env bash
# Every test: formatting, clippy, and the whole suite against a real PostgreSQL.
# Each test makes its own database on TEST_DATABASE_URL's server and drops it, so the suite
# runs in parallel. See scripts/pg-env.sh for how the server is found or started.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-env.sh
ensure_server

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
cargo test --locked --all-targets
