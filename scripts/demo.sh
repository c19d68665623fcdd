#!/usr/bin/env bash
# A deploy on a throwaway database: the example migrations in migrations/ are applied (with a
# backup, lint and verification), the "app" starts, then the database is dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-env.sh
ensure_server

# Not --quiet: the first release build takes minutes, and cargo's progress shows it moving.
echo "== building schemagate (cargo build --release; a first build takes a few minutes)"
cargo build --release --locked
bin=target/release/schemagate
db="schemagate_demo_$$"
psql="$(pg_bin psql)"
"$psql" "$TEST_DATABASE_URL" -qc "CREATE DATABASE $db"
trap '"$psql" "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; eval "${SCHEMAGATE_CLUSTER_STOP:-true}" >/dev/null 2>&1' EXIT
export DATABASE_URL="${TEST_DATABASE_URL%/*}/$db"
backups=$(mktemp -d)
# One backup directory for every command, so that plan names the one deploy writes to.
export SCHEMAGATE_BACKUP_DIR="$backups"

echo "== schemagate plan"
"$bin" plan
echo "== schemagate deploy -- echo 'the app starts here'"
"$bin" deploy -- echo "the app starts here"
echo "== schemagate deploy again (nothing pending: verify and start)"
"$bin" deploy -- echo "the app starts here"
echo "== schemagate status"
"$bin" status
echo "== schemagate verify"
"$bin" verify
echo "== a migration that drops a table is refused (exit 6), nothing changes"
mkdir -p "$backups/m" && cp migrations/* "$backups/m/"
printf 'DROP TABLE journey_templates;\n' > "$backups/m/V4__oops.sql"
set +e
"$bin" deploy --migrations "$backups/m" -- echo "must not start"
echo "exit code: $?"
set -e
rm -rf "$backups"
echo "== next: put schemagate on PATH for your project (README.md, Quick start)"
echo "   cargo install --path . --locked     # ~/.cargo/bin/schemagate, from this clone"
