#!/usr/bin/env bash
# Install (the first time) and print where one of the tools the tests use lives:
#   scripts/ensure.sh pg-client MAJOR   a directory with pg_dump, pg_restore, psql of MAJOR (16-18)
#   scripts/ensure.sh pgbouncer         the pgbouncer program (Debian's package)
#   scripts/ensure.sh s3-server         the python that runs scripts/s3-server.py (moto)
# The test support runs it, so `cargo test` on a fresh machine gets them too; scripts/test.sh
# runs it first so the install is not timed as part of a test. Downloads are cached (see
# scripts/pg-env.sh); concurrent calls wait for each other.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-env.sh
lock_dir="${XDG_CACHE_HOME:-$HOME/.cache}/schemagate"
mkdir -p "$lock_dir"
exec 9>"$lock_dir/.ensure.lock"
flock 9
case ${1:-} in
  pg-client) ensure_pg_client_major "${2:?MAJOR}" ;;
  pgbouncer) ensure_pgbouncer ;;
  s3-server) ensure_s3_server ;;
  *) echo "usage: scripts/ensure.sh pg-client MAJOR | pgbouncer | s3-server" >&2; exit 2 ;;
esac
