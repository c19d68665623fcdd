#!/bin/sh
# Benchmark for backup_scope (issue 19): on a database of at least 2 GB (pgbench scale 140 by
# default, ~2.1 GB), a deploy whose pending migration adds a column to one small table, timing
# the backup step as schemagate reports it ("backup ... in N ms": pg_dump, fsync, validation,
# sidecar) with backup_scope = full and = touched, and a bare `pg_dump -Fc` of the same tables
# (the schema, and the rows of the tables the touched backup keeps: schemagate's own).
# Usage: scripts/bench-backup-scope.sh [scale] [runs] [full_runs]
# Server from PGHOST/PGPORT/PGUSER (default 127.0.0.1:5432 postgres); creates and drops
# sg_scope_<pid>. Uses target/debug/schemagate (cargo build first); pg_dump from PATH or
# /usr/lib/postgresql/<server major>/bin.
set -eu
SCALE=${1:-140}
RUNS=${2:-3}
FULL_RUNS=${3:-1}
HOST=${PGHOST:-127.0.0.1}
PORT=${PGPORT:-5432}
USER_=${PGUSER:-postgres}
DB=sg_scope_$$
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$ROOT/target/debug/schemagate
WORK=$(mktemp -d)
psql_() { psql -h "$HOST" -p "$PORT" -U "$USER_" -qAt "$@"; }
cleanup() { psql_ -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" postgres; rm -rf "$WORK"; }
trap cleanup EXIT
MAJOR=$(psql_ -c "SHOW server_version_num" postgres | cut -c1-2)
BINDIR=/usr/lib/postgresql/$MAJOR/bin
PGBENCH=$(command -v pgbench || echo "$BINDIR/pgbench")
PG_DUMP=$BINDIR/pg_dump
[ -x "$PG_DUMP" ] || PG_DUMP=$(command -v pg_dump)

psql_ -c "CREATE DATABASE $DB" postgres
echo "initialising pgbench scale $SCALE (server-side generation) ..." >&2
"$PGBENCH" -h "$HOST" -p "$PORT" -U "$USER_" -i -q -I dtGvp -s "$SCALE" "$DB" >&2
psql_ -c "CREATE TABLE small (id int PRIMARY KEY, name text);
          INSERT INTO small SELECT g, 'n' || g FROM generate_series(1, 100) g;
          CHECKPOINT" "$DB"
SIZE=$(psql_ -c "SELECT pg_size_pretty(pg_database_size(current_database()))" "$DB")
echo "database size: $SIZE" >&2
sync

mkdir -p "$WORK/project/migrations"
cd "$WORK/project"
URL="postgres://$USER_@$HOST:$PORT/$DB"
printf 'create table seed (id int);\n' > migrations/V1__seed.sql
DATABASE_URL=$URL "$BIN" deploy --no-backup >/dev/null 2>&1

echo 1 > "$WORK/v"
# One deploy adding a column to `small`; prints the backup step's milliseconds.
deploy() {
  # A counter in a file: each call runs in a command substitution's subshell.
  V=$(($(cat "$WORK/v") + 1)); echo "$V" > "$WORK/v"
  printf 'alter table small add column c%s text;\n' "$V" > "migrations/V${V}__col.sql"
  DATABASE_URL=$URL "$BIN" deploy --backup-dir "$WORK/bk" --keep-backups 1 \
      --backup-scope "$1" 2> "$WORK/err" >/dev/null || { cat "$WORK/err" >&2; exit 1; }
  sed -n 's/.*backup .* bytes) in \([0-9]*\) ms.*/\1/p' "$WORK/err" | head -1
}
bare() {
  # The same tables as the touched backup: every table's data excluded but schemagate's own.
  EXCLUDE=$(psql_ -c "SELECT string_agg('--exclude-table-data=' || format('%I.%I', n.nspname, c.relname), ' ')
                      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE c.relkind IN ('r','p','m') AND n.nspname = 'public'
                        AND c.relname NOT IN ('refinery_schema_history', 'schemagate_runs')" "$DB")
  rm -f "$WORK/bare.dump"
  START=$(date +%s%N)
  # shellcheck disable=SC2086
  "$PG_DUMP" -h "$HOST" -p "$PORT" -U "$USER_" -Fc $EXCLUDE -f "$WORK/bare.dump" "$DB"
  END=$(date +%s%N)
  echo $(((END - START) / 1000000))
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM; PostgreSQL $MAJOR; $(date -u +%Y-%m-%dT%H:%MZ)"
echo "database: $SIZE (pgbench scale $SCALE + a 100-row table)"
T=""; B=""; F=""
i=0
while [ $i -lt "$RUNS" ]; do
  T="$T $(deploy touched)"
  B="$B $(bare)"
  i=$((i + 1))
done
i=0
while [ $i -lt "$FULL_RUNS" ]; do
  F="$F $(deploy full)"
  i=$((i + 1))
done
echo "touched backup step (ms):   $T  median $(echo $T | tr ' ' '\n' | median)"
echo "bare pg_dump same tables (ms):$B  median $(echo $B | tr ' ' '\n' | median)"
echo "full backup step (ms):      $F  median $(echo $F | tr ' ' '\n' | median)"
