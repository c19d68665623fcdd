#!/bin/sh
# Benchmark for the backup step (issue 4): schemagate's take_backup against a bare
# `pg_dump -Fc` of the same ~1 GB database (pgbench scale 70), median of 3 each, same run.
# Usage: scripts/bench-backup.sh [scale] [runs]   (server from BENCH_DATABASE_URL's parts:
# PGHOST/PGPORT/PGUSER, default 127.0.0.1:5432 postgres). Creates and drops sg_bench_<pid>.
set -eu
SCALE=${1:-70}
RUNS=${2:-3}
HOST=${PGHOST:-127.0.0.1}
PORT=${PGPORT:-5432}
USER_=${PGUSER:-postgres}
DB=sg_bench_$$
PGBENCH=$(command -v pgbench || echo /usr/lib/postgresql/15/bin/pgbench)
cleanup() { psql -h "$HOST" -p "$PORT" -U "$USER_" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres; }
trap cleanup EXIT
psql -h "$HOST" -p "$PORT" -U "$USER_" -qc "CREATE DATABASE $DB" postgres
echo "initialising pgbench scale $SCALE ..." >&2
"$PGBENCH" -h "$HOST" -p "$PORT" -U "$USER_" -i -q -s "$SCALE" "$DB" >&2
# Flush the freshly loaded tables to disk first: otherwise the first fsync of a backup pays
# for writing back the whole initialisation, which the bare pg_dump (no fsync) never does.
psql -h "$HOST" -p "$PORT" -U "$USER_" -qc "CHECKPOINT" "$DB"
sync
cargo run -q --example bench_backup -- "$HOST" "$PORT" "$USER_" "$DB" "$RUNS"
