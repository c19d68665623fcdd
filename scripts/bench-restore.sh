#!/usr/bin/env bash
# The recovery runbook timed on a database of about SIZE_MB (default 1024) MB, each step against
# bare pg_restore of the same dump: scripts/bench-restore.sh [SIZE_MB]
#
# On the server named by TEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres):
# a throwaway database with users, journey_templates (about a tenth of the size) and events
# (the rest); V2 drops journey_templates and the deploy takes its backup. Then, timed:
#   1. schemagate restore DUMP --table journey_templates --yes   (the table was dropped)
#   2. pg_restore -t journey_templates (bare: table and rows only, no index or key)
#   3. schemagate restore DUMP --yes   (whole: pre-restore backup + one transaction)
#   4. pg_restore --clean --if-exists --single-transaction (bare, whole)
# Needs a build of schemagate (SCHEMAGATE; default target/release, else target/debug).
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}
server=${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}
bin=${SCHEMAGATE:-}
[ -n "$bin" ] || { [ -x target/release/schemagate ] && bin=$PWD/target/release/schemagate; } || true
[ -n "$bin" ] || bin=$PWD/target/debug/schemagate
db=bench_restore_$$
url=${server%/*}/$db
work=$(mktemp -d)
cleanup() {
  psql -X -q "$server" -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

psql -X -q "$server" -c "CREATE DATABASE $db"
mkdir -p "$work/migrations"
cd "$work"
cat > migrations/V1__tables.sql <<'SQL'
create table users (id bigserial primary key, email text not null);
create table journey_templates (id bigserial primary key, user_id bigint not null references users(id), name text not null, body text not null);
create index ix_journey_templates_user_id on journey_templates (user_id);
create table events (id bigserial primary key, user_id bigint not null references users(id), kind text not null, payload text not null, created_at timestamptz not null default now());
create index ix_events_user_id on events (user_id);
SQL
DATABASE_URL=$url "$bin" deploy --no-backup >/dev/null 2>&1
# A row of events is about 200 bytes with its index entries; journey_templates about 600.
events=$((size_mb * 1024 * 1024 * 9 / 10 / 200))
templates=$((size_mb * 1024 * 1024 / 10 / 600))
start=$(now)
psql -X -q "$url" <<SQL
insert into users (email) select 'u' || g || '@example.com' from generate_series(1, 100000) g;
insert into journey_templates (user_id, name, body)
  select 1 + g % 100000, 'template ' || g, repeat(md5(g::text), 14) from generate_series(1, $templates) g;
insert into events (user_id, kind, payload)
  select 1 + g % 100000, 'kind' || g % 17, md5(g::text) || md5((g + 1)::text) || md5((g + 2)::text)
  from generate_series(1, $events) g;
vacuum analyze;
SQL
fill=$(since "$start")
bytes=$(psql -X -At "$url" -c "select pg_database_size(current_database())")
rows_jt=$(psql -X -At "$url" -c "select count(*) from journey_templates")

cat > migrations/V2__drop_templates.sql <<'SQL'
drop index ix_journey_templates_user_id;
-- squawk-ignore ban-drop-table
drop table journey_templates;
SQL
start=$(now)
DATABASE_URL=$url "$bin" deploy --backup-dir bk >/dev/null 2>&1
deploy=$(since "$start")
dump=$(ls bk/*-v1.dump)
dump_bytes=$(stat -c %s "$dump")

start=$(now)
DATABASE_URL=$url "$bin" restore "$dump" --table journey_templates --yes --backup-dir bk >/dev/null 2>&1
t_table=$(since "$start")
[ "$(psql -X -At "$url" -c "select count(*) from journey_templates")" = "$rows_jt" ]

psql -X -q "$url" -c "drop table journey_templates"
start=$(now)
pg_restore --no-owner -d "$url" -n public -t journey_templates "$dump"
t_table_bare=$(since "$start")
[ "$(psql -X -At "$url" -c "select count(*) from journey_templates")" = "$rows_jt" ]
psql -X -q "$url" -c "drop table journey_templates"

start=$(now)
DATABASE_URL=$url "$bin" restore "$dump" --yes --backup-dir bk > "$work/whole.out" 2>&1
t_whole=$(since "$start")
pre_ms=$(grep -o 'backup of the current state: .* in [0-9]* ms' "$work/whole.out" | grep -o '[0-9]* ms' | tr -dc 0-9)
[ "$(psql -X -At "$url" -c "select count(*) from journey_templates")" = "$rows_jt" ]

start=$(now)
pg_restore --no-owner --clean --if-exists --single-transaction -d "$url" "$dump"
t_whole_bare=$(since "$start")

cat <<EOF
date:      $(date -u +%Y-%m-%dT%H:%MZ)
machine:   $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo), $(uname -sr)
server:    $(psql -X -At "$url" -c "select version()" | cut -d' ' -f1-2); pg_restore: $(pg_restore --version | awk '{print $3}')
database:  $((bytes / 1048576)) MB ($events events, $rows_jt journey_templates rows), filled in ${fill}s
deploy V2 (pg_dump, validate, migrate): ${deploy}s; dump $((dump_bytes / 1048576)) MB
| step | schemagate | bare pg_restore |
|---|---|---|
| dropped table back (journey_templates) | ${t_table}s | ${t_table_bare}s (table and rows only) |
| whole database back | ${t_whole}s (of which the pre-restore backup $(awk -v m="$pre_ms" 'BEGIN { printf "%.1f", m / 1000 }')s) | ${t_whole_bare}s |
EOF
