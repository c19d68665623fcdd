#!/usr/bin/env bash
# Benchmarks of the every-deploy path, measured side by side in one run (these machines are
# shared and noisy: compare ratios, not absolute numbers). Prints a Markdown table.
#
#   scripts/bench.sh [N...]        default N = 50 500 (migrations, one table each)
#
# For each N it makes the same workload (a table of ten mixed columns with a foreign key, a
# check constraint and an index per migration) and measures, with hyperfine:
#   - cold apply: schemagate deploy --no-backup   vs  psql -1 -f all.sql (the floor)
#   - no-op deploy (verification on)              vs  psql -c 'select 1' (the floor)
#                                                 and sqlx migrate run, if BENCH_TOOLS/bin/sqlx exists
# Peer tools are installed outside the repository, for example:
#   cargo install sqlx-cli --no-default-features --features postgres,rustls --root /tmp/bench-tools
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-env.sh
ensure_server
command -v hyperfine >/dev/null || { echo "hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(50 500)
tools="${BENCH_TOOLS:-/tmp/bench-tools}"
psql="$(pg_bin psql)"
cargo build --release --locked --quiet
bin="$PWD/target/release/schemagate"
work=$(mktemp -d)
server="${TEST_DATABASE_URL%/*}"
dbs=()
cleanup() {
  # Dropping just-filled databases slows what runs next, so every drop waits for the end.
  for db in "${dbs[@]}"; do "$psql" "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; done
  rm -rf "$work"
}
trap cleanup EXIT

workload() { # dir n
  mkdir -p "$1"
  for i in $(seq 1 "$2"); do
    parent=""; [ "$i" -gt 1 ] && parent="REFERENCES t$((i - 1)) (id)"
    cat > "$1/V${i}__t$i.sql" <<SQL
CREATE TABLE t$i (
    id bigserial PRIMARY KEY, parent_id bigint $parent, name text NOT NULL,
    qty integer NOT NULL DEFAULT 0 CHECK (qty >= 0), price numeric(10,2), active boolean NOT NULL DEFAULT true,
    note varchar(200), data jsonb, code char(3), created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_t${i}_name ON t$i (name);
SQL
  done
}

mean_ms() { # json file
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; print(' '.join('%.1f' % (x['median']*1000) for x in r))" "$1"
}

echo "| N | measurement | schemagate (ms) | floor (ms) | ratio | other |"
echo "|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  dir="$work/m$n"; workload "$dir" "$n"
  # In version order (a glob would put V10 before V2 and break the foreign keys).
  for i in $(seq 1 "$n"); do cat "$dir/V${i}__t$i.sql"; done > "$work/all$n.sql"
  runs=5
  for k in $(seq 1 $runs); do
    for kind in sg floor; do db="bench_${kind}_${n}_${k}_$$"; dbs+=("$db"); "$psql" "$TEST_DATABASE_URL" -qc "CREATE DATABASE $db"; done
  done
  noop="bench_noop_${n}_$$"; dbs+=("$noop"); "$psql" "$TEST_DATABASE_URL" -qc "CREATE DATABASE $noop"
  sqlxdb="bench_sqlx_${n}_$$"; dbs+=("$sqlxdb"); "$psql" "$TEST_DATABASE_URL" -qc "CREATE DATABASE $sqlxdb"

  # Cold apply: each run on its own fresh database.
  cold_sg=(); cold_floor=()
  for k in $(seq 1 $runs); do
    cold_sg+=("env DATABASE_URL=$server/bench_sg_${n}_${k}_$$?sslmode=disable SCHEMAGATE_MIGRATIONS=$dir SCHEMAGATE_EXPECTED=$work/none.toml $bin deploy --no-backup")
    cold_floor+=("$psql $server/bench_floor_${n}_${k}_$$?sslmode=disable -q -v ON_ERROR_STOP=1 -1 -f $work/all$n.sql")
  done
  hyperfine -N -r 1 --export-json "$work/cold_sg.json" "${cold_sg[@]}" >/dev/null 2>&1
  hyperfine -N -r 1 --export-json "$work/cold_floor.json" "${cold_floor[@]}" >"$work/floor.log" 2>&1 || { cat "$work/floor.log" >&2; exit 1; }
  sg=$(python3 -c "import json,statistics,sys; print('%.0f' % (statistics.median(x['median'] for x in json.load(open(sys.argv[1]))['results'])*1000))" "$work/cold_sg.json")
  fl=$(python3 -c "import json,statistics,sys; print('%.0f' % (statistics.median(x['median'] for x in json.load(open(sys.argv[1]))['results'])*1000))" "$work/cold_floor.json")
  echo "| $n | cold apply (median of $runs) | $sg | $fl (psql -1 -f) | $(python3 -c "print('%.2f' % ($sg/$fl))") | |"

  # No-op deploy with verification on, against an expected schema made by snapshot.
  export DATABASE_URL="$server/$noop?sslmode=disable"
  SCHEMAGATE_MIGRATIONS=$dir "$bin" deploy --no-backup 2>/dev/null
  SCHEMAGATE_MIGRATIONS=$dir "$bin" snapshot --from-live --output "$work/expected$n.toml" 2>/dev/null
  other=""
  cmds=("env SCHEMAGATE_MIGRATIONS=$dir SCHEMAGATE_EXPECTED=$work/expected$n.toml $bin deploy --no-backup" "$psql $DATABASE_URL -c select\ 1")
  if [ -x "$tools/bin/sqlx" ]; then
    sdir="$work/sqlx$n"; mkdir -p "$sdir"
    for f in "$dir"/V*.sql; do b=$(basename "$f" .sql); v=${b#V}; v=${v%%__*}; cp "$f" "$sdir/${v}_${b#*__}.sql"; done
    "$tools/bin/sqlx" migrate run --source "$sdir" --database-url "$server/$sqlxdb?sslmode=disable" >/dev/null
    cmds+=("$tools/bin/sqlx migrate run --source $sdir --database-url $server/$sqlxdb?sslmode=disable")
  fi
  hyperfine -N -w 3 -r 20 --export-json "$work/noop.json" "${cmds[@]}" >/dev/null 2>&1
  read -r -a m <<< "$(mean_ms "$work/noop.json")"
  [ ${#m[@]} -gt 2 ] && other="sqlx migrate run: ${m[2]} ms (schemagate/sqlx $(python3 -c "print('%.2f' % (${m[0]}/${m[2]}))"))"
  echo "| $n | no-op deploy, verifying (median of 20) | ${m[0]} | ${m[1]} (psql select 1) | $(python3 -c "print('%.2f' % (${m[0]}/${m[1]}))") | $other |"
  unset DATABASE_URL
done
echo
echo "Machine: $(nproc) cores, $(uname -r), $("$psql" "$TEST_DATABASE_URL" -tAc 'show server_version'), $(date -u +%Y-%m-%d)"
