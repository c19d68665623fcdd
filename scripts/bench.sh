#!/usr/bin/env bash
# Benchmarks of schemagate against the tools it replaces, measured side by side in one run
# (these machines are shared and noisy: compare the ratios, not the absolute numbers). Prints
# one Markdown table per section, ready for BENCHMARKS.md, and keeps a copy under
# $BENCH_TOOLS/results/.
#
#   scripts/bench.sh [--backup] [N...]     default N = 50 500 (migrations, one table each)
#
# For each N every tool gets the same workload in its own file naming: N migrations, each
# creating a table of ten mixed columns with a foreign key to the previous one, a check
# constraint and an index. Measured:
#   - no-op deploy (nothing pending): hyperfine median wall time (3 warm-ups, BENCH_RUNS runs)
#     and peak RSS (GNU time %M, median of BENCH_MEM_RUNS runs) of schemagate (verifying
#     against an expected schema from `snapshot --from-live`), alembic upgrade head, dbmate up,
#     sqlx migrate run and refinery migrate; the floor is psql -c 'select 1';
#   - cold apply of all N on a fresh database (BENCH_ROUNDS rounds, one fresh database per
#     tool and round, tool order rotated each round), peak RSS alongside; the floor is
#     psql -1 -v ON_ERROR_STOP=1 -f of the files concatenated in version order. Every
#     database is then checked for N tables, N-1 foreign keys, N checks, N indexes and N
#     history entries, and every no-op for leaving the history and catalog as they were;
#   - verification at scale: examples/bench_verify.rs on BENCH_VERIFY_SIZES tables;
#   - the release binary's size, stripped and not;
#   - with --backup[=SCALE,RUNS] (minutes; off by default): scripts/bench-backup.sh.
#
# The peers are installed on the first run, pinned, outside the repository in BENCH_TOOLS
# (default ~/.cache/schemagate-bench), and reused afterwards: a venv with alembic, SQLAlchemy
# and psycopg2-binary; dbmate from npm (its native binary is run, not the node wrapper);
# sqlx-cli and refinery_cli with cargo install --root. hyperfine and GNU time come from apt
# when missing (as root). BENCH_PEERS picks a subset ("alembic dbmate sqlx refinery");
# BENCH_KEEP=1 keeps the work directory (workloads, every tool's output, raw results).
#
# Every tool connects over TCP with sslmode=disable (the server has TLS on). All databases
# are created before the first measurement and dropped at the end: dropping a just-filled
# database slows whatever runs next.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-env.sh

ALEMBIC_VERSION=1.20.1 SQLALCHEMY_VERSION=2.1.9 PSYCOPG2_VERSION=2.9.13
DBMATE_VERSION=2.36.0 SQLX_VERSION=0.9.0 REFINERY_VERSION=0.10.0

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
die() { echo "bench.sh: $*" >&2; exit 2; }
say() { echo "bench.sh: $*" >&2; }

sizes=(); backup=""
for arg in "$@"; do
  case $arg in
    --backup) backup="70,5" ;;
    --backup=*) backup="${arg#--backup=}" ;;
    -h|--help) usage; exit 0 ;;
    *[!0-9]*|"") die "unknown argument '$arg' (usage: scripts/bench.sh [--backup[=SCALE,RUNS]] [N...])" ;;
    *) sizes+=("$arg") ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(50 500)
tools="${BENCH_TOOLS:-$HOME/.cache/schemagate-bench}"
rounds="${BENCH_ROUNDS:-5}"
runs="${BENCH_RUNS:-20}"
mem_runs="${BENCH_MEM_RUNS:-10}"
verify_sizes="${BENCH_VERIFY_SIZES-2000 10000}"
read -r -a peers <<< "${BENCH_PEERS-alembic dbmate sqlx refinery}"
for p in "${peers[@]}"; do
  case $p in alembic|dbmate|sqlx|refinery) ;; *) die "unknown peer '$p' in BENCH_PEERS" ;; esac
done
[ "$runs" -ge 10 ] || say "warning: BENCH_RUNS=$runs is below the 10 runs the figures need"

# ---------------------------------------------------------------------------------------
# Tools: installed once into $tools, pinned, reused by later runs.

as_root_apt() { # packages...
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing $* with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    die "needed: $* (apt-get install $*)"
  fi
}

install_tools() {
  local missing=()
  command -v hyperfine >/dev/null || missing+=(hyperfine)
  [ -x /usr/bin/time ] || missing+=(time)
  [ ${#missing[@]} -eq 0 ] || as_root_apt "${missing[@]}"
  mkdir -p "$tools/logs"
  # One installer at a time: two engineers may start the benchmark together.
  exec 9>"$tools/.install.lock"
  flock 9
  for p in "${peers[@]}"; do "install_$p"; done
  flock -u 9
}

installed() { # binary expected-version-text
  [ -x "$1" ] && "$1" --version 2>/dev/null | grep -qF "$2"
}

install_alembic() {
  local venv="$tools/alembic-venv"
  installed "$venv/bin/alembic" "alembic $ALEMBIC_VERSION" &&
    "$venv/bin/python" -c "import sqlalchemy, psycopg2, sys; sys.exit(sqlalchemy.__version__ != '$SQLALCHEMY_VERSION')" 2>/dev/null &&
    return 0
  say "installing alembic $ALEMBIC_VERSION into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "alembic==$ALEMBIC_VERSION" "sqlalchemy==$SQLALCHEMY_VERSION" \
    "psycopg2-binary==$PSYCOPG2_VERSION" > "$tools/logs/alembic.log" 2>&1 ||
    { cat "$tools/logs/alembic.log" >&2; die "pip install of alembic failed"; }
}

dbmate_bin() { ls "$tools"/dbmate/node_modules/@dbmate/linux-*/bin/dbmate 2>/dev/null | head -n 1; }

install_dbmate() {
  installed "$(dbmate_bin)" "$DBMATE_VERSION" && return 0
  command -v npm >/dev/null || as_root_apt npm
  say "installing dbmate $DBMATE_VERSION from npm into $tools/dbmate"
  mkdir -p "$tools/dbmate"
  npm install --prefix "$tools/dbmate" --no-audit --no-fund --silent "dbmate@$DBMATE_VERSION" \
    > "$tools/logs/dbmate.log" 2>&1 || { cat "$tools/logs/dbmate.log" >&2; die "npm install of dbmate failed"; }
  installed "$(dbmate_bin)" "$DBMATE_VERSION" || die "the dbmate npm package shipped no native binary for this machine"
}

cargo_install() { # crate version binary features
  installed "$tools/bin/$3" "$2" && return 0
  say "building $1 $2 with cargo install (a few minutes, once)"
  cargo install "$1" --version "$2" --no-default-features --features "$4" --locked \
    --root "$tools" > "$tools/logs/$1.log" 2>&1 || { tail -n 30 "$tools/logs/$1.log" >&2; die "cargo install $1 failed"; }
}
install_sqlx() { cargo_install sqlx-cli "$SQLX_VERSION" sqlx postgres,rustls; }
# refinery_cli 0.10.0 builds on Rust 1.95 (needs 1.92); postgresql only, no MySQL/MSSQL/SQLite.
install_refinery() { cargo_install refinery_cli "$REFINERY_VERSION" refinery postgresql; }

ensure_server
install_tools
psql="$(pg_bin psql)" # the real binary, not Debian's pg_wrapper script in /usr/bin
say "building schemagate (release)"
cargo build --release --locked --quiet
bin="$PWD/target/release/schemagate"
alembic="$tools/alembic-venv/bin/alembic"
dbmate="$(dbmate_bin || true)"
sqlx="$tools/bin/sqlx"
refinery="$tools/bin/refinery"

work=$(mktemp -d /tmp/schemagate-bench.XXXXXX)
res="$work/results"; mkdir -p "$res" "$work/logs"
server="${TEST_DATABASE_URL%/*}"
dbs=()
cleanup() {
  say "dropping ${#dbs[@]} benchmark databases"
  for db in "${dbs[@]}"; do "$psql" -X "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true; done
  if [ -n "${BENCH_KEEP:-}" ]; then say "kept $work (BENCH_KEEP)"; else rm -rf "$work"; fi
  # pg-env.sh's own EXIT trap (a throwaway cluster) is replaced by this one: stop it here.
  if [ -n "${SCHEMAGATE_CLUSTER_STOP:-}" ]; then eval "$SCHEMAGATE_CLUSTER_STOP" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

started=$(date +%s)
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "cores=$(nproc)"
  echo "cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
  echo "memory=$(free -g | awk '/^Mem:/ {print $2}') GiB"
  echo "kernel=$(uname -sr)"
  echo "load_start=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "server=$("$psql" -X "$TEST_DATABASE_URL" -tAc 'show server_version')"
  echo "server_address=${server#*@}"
  echo "psql=$psql ($("$psql" --version | awk '{print $3}'))"
  echo "schemagate=$("$bin" --version 2>/dev/null | awk '{print $NF}') ($(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src Cargo.toml Cargo.lock || echo ', uncommitted changes'))"
  echo "hyperfine=$(hyperfine --version | awk '{print $2}')"
  echo "peers=${peers[*]}"
  for p in "${peers[@]}"; do
    case $p in
      alembic) echo "alembic=alembic $ALEMBIC_VERSION, SQLAlchemy $SQLALCHEMY_VERSION, psycopg2-binary $PSYCOPG2_VERSION, $("$tools/alembic-venv/bin/python" --version)" ;;
      dbmate) echo "dbmate=dbmate $("$dbmate" --version | awk '{print $NF}') (the npm package's native binary)" ;;
      sqlx) echo "sqlx=$("$sqlx" --version)" ;;
      refinery) echo "refinery=$("$refinery" --version)" ;;
    esac
  done
  echo "sizes=${sizes[*]}"
  echo "backup=$backup"
  echo "rounds=$rounds"
  echo "runs=$runs"
  echo "mem_runs=$mem_runs"
  echo "binary_size=$(stat -c %s "$bin")"
  strip -o "$work/schemagate.stripped" "$bin"
  echo "binary_size_stripped=$(stat -c %s "$work/schemagate.stripped")"
} > "$res/meta"

# ---------------------------------------------------------------------------------------
# Workload: the same N migrations, in each tool's naming.

table_sql() { # i
  local i=$1 parent=""
  [ "$i" -gt 1 ] && parent="REFERENCES t$((i - 1)) (id)"
  cat <<SQL
CREATE TABLE t$i (
    id bigserial PRIMARY KEY, parent_id bigint $parent, name text NOT NULL,
    qty integer NOT NULL DEFAULT 0 CHECK (qty >= 0), price numeric(10,2), active boolean NOT NULL DEFAULT true,
    note varchar(200), data jsonb, code char(3), created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_t${i}_name ON t$i (name);
SQL
}

workload() { # n
  local n=$1 d="$work/w$1" i v
  mkdir -p "$d/schemagate" "$d/refinery" "$d/sqlx" "$d/dbmate" "$d/alembic"
  for i in $(seq 1 "$n"); do
    table_sql "$i" > "$d/schemagate/V${i}__t$i.sql"
  done
  # The floor: every file in version order (a glob would put V10 before V2 and break the
  # foreign keys; psql exits 0 on errors without ON_ERROR_STOP).
  for i in $(seq 1 "$n"); do cat "$d/schemagate/V${i}__t$i.sql"; done > "$d/all.sql"
  cp "$d"/schemagate/*.sql "$d/refinery/" # refinery's naming is schemagate's
  for i in $(seq 1 "$n"); do cp "$d/schemagate/V${i}__t$i.sql" "$d/sqlx/${i}_t$i.sql"; done
  for i in $(seq 1 "$n"); do
    printf -v v '%06d' "$i"
    { echo "-- migrate:up"; cat "$d/schemagate/V${i}__t$i.sql"; echo; echo "-- migrate:down"; echo "DROP TABLE t$i;"; } > "$d/dbmate/${v}_t$i.sql"
  done
  if [ -x "$alembic" ]; then
    (cd "$d/alembic" && "$alembic" init -t generic alembic >/dev/null)
    for i in $(seq 1 "$n"); do
      printf -v v '%04d' "$i"
      local down="None"; [ "$i" -gt 1 ] && printf -v down "'%04d'" $((i - 1))
      {
        printf '"""t%d\n\nRevision ID: %s\nRevises: %s\n"""\nfrom alembic import op\n\n' "$i" "$v" "${down//\'/}"
        printf "revision = '%s'\ndown_revision = %s\nbranch_labels = None\ndepends_on = None\n\n\n" "$v" "$down"
        printf "def upgrade():\n    op.execute(\n        '''\n%s\n'''\n    )\n\n\n" "$(table_sql "$i")"
        printf "def downgrade():\n    op.execute('DROP TABLE t%d')\n" "$i"
      } > "$d/alembic/alembic/versions/${v}_t$i.py"
    done
  fi
}

url() { echo "$server/$1?sslmode=disable"; }

# The command line of one tool against one database, run by hyperfine without a shell (so no
# `env` wrapper either: settings go through flags, or per-database files and variables).
command_for() { # tool n db
  local tool=$1 n=$2 db=$3 d="$work/w$2"
  case $tool in
    floor) echo "$psql -X -q -v ON_ERROR_STOP=1 -1 -f $d/all.sql $(url "$db")" ;;
    select1) echo "$psql -X -c 'select 1' $(url "$db")" ;;
    schemagate) echo "$bin --database-url $(url "$db") --migrations $d/schemagate --expected ${expected:-$d/expected.toml} deploy --no-backup" ;;
    alembic)
      # alembic's generated env.py reads the URL from the ini file: one ini per database.
      sed "s|^sqlalchemy.url = .*|sqlalchemy.url = postgresql+psycopg2://${server#*://}/$db?sslmode=disable|" \
        "$d/alembic/alembic.ini" > "$d/alembic/$db.ini"
      echo "$alembic -c $d/alembic/$db.ini upgrade head" ;;
    dbmate) echo "$dbmate --no-dump-schema --env-file $work/none.env --migrations-dir $d/dbmate --url $(url "$db") up" ;;
    sqlx) echo "$sqlx migrate run --source $d/sqlx --database-url $(url "$db")" ;;
    refinery) echo "$refinery migrate -e REFINERY_URL_$db -p $d/refinery" ;; # exported below
  esac
}

# What a tool's run left behind: tables, foreign keys, checks and indexes of the workload,
# then the tool's own record of what it applied.
state() { # tool db
  local history
  case $1 in
    schemagate|refinery) history="select count(*)::text from refinery_schema_history" ;;
    sqlx) history="select count(*)::text from _sqlx_migrations where success" ;;
    dbmate) history="select count(*)::text from schema_migrations" ;;
    alembic) history="select ltrim(version_num, '0') from alembic_version" ;;
    *) history="select count(*)::text from pg_tables where schemaname = 'public' and tablename ~ '^t[0-9]+\$'" ;;
  esac
  "$psql" -X -qtA "$(url "$2")" -c "
    select (select count(*) from pg_tables where schemaname = 'public' and tablename ~ '^t[0-9]+\$')
      || ' ' || (select count(*) from pg_constraint where contype = 'f' and conrelid::regclass::text ~ '^t[0-9]+\$')
      || ' ' || (select count(*) from pg_constraint where contype = 'c' and conrelid::regclass::text ~ '^t[0-9]+\$')
      || ' ' || (select count(*) from pg_indexes where schemaname = 'public' and indexname ~ '^ix_t[0-9]+_name\$')
      || ' ' || ($history)"
}

catalog() { # db: everything a no-op must leave alone
  "$psql" -X -qtA "$(url "$1")" -c "select count(*) || ' ' || coalesce(max(oid::int8), 0) from pg_class"
}

rotate() { # k items...: the items rotated left by k
  local k=$1; shift
  local items=("$@") n=$#
  for ((j = 0; j < n; j++)); do echo "${items[(j + k) % n]}"; done
}

median_file() { sort -n "$1" | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

cold_tools=(floor schemagate "${peers[@]}")
noop_tools=(select1 schemagate "${peers[@]}")

# ---------------------------------------------------------------------------------------
say "work directory $work"
for n in "${sizes[@]}"; do workload "$n"; done
: > "$work/none.env"

# Every database first. Set 0 takes the untimed warm-up and later the no-op runs; sets 1..
# take the cold rounds, with $spares spare sets per N for a round that fails for a reason
# outside the tools: this server is shared, and another session's big transaction can fill
# the shared lock table under one of ours ("out of shared memory").
spares="${BENCH_SPARE_ROUNDS:-2}"
sets=$((rounds + spares))
for n in "${sizes[@]}"; do
  for s in $(seq 0 "$sets"); do
    for tool in "${cold_tools[@]}"; do dbs+=("bench_${tool}_${n}_${s}_$$"); done
  done
done
say "creating ${#dbs[@]} databases"
for db in "${dbs[@]}"; do
  "$psql" -X "$TEST_DATABASE_URL" -qc "CREATE DATABASE $db"
  # refinery reads its URL from the variable that -e names: one per database.
  export "REFINERY_URL_$db=$(url "$db")"
done

failure() { # log: the first error line a tool printed
  grep -m1 -iE 'error|fatal|failed' "$1" | cut -c1-200 || echo "(no error text)"
}

for n in "${sizes[@]}"; do
  d="$work/w$n"
  # Warm-up, untimed: fills caches, compiles alembic's revisions to bytecode, and gives
  # schemagate its expected schema (a snapshot of the database its warm-up deploy made; the
  # cold runs verify against it too, as a real deploy with a committed file does). A failed
  # warm-up is run again on the same database: each tool resumes or starts over.
  say "N=$n: warm-up run of each tool"
  expected="$d/absent.toml"
  for tool in "${cold_tools[@]}"; do
    db="bench_${tool}_${n}_0_$$"
    cmd=$(command_for "$tool" "$n" "$db")
    log="$work/logs/warmup_${tool}_$n.log"
    for try in 1 2 3; do
      eval "$cmd" > "$log" 2>&1 && break
      [ "$try" -lt 3 ] || { cat "$log" >&2; die "warm-up of $tool failed three times (N=$n)"; }
      say "warm-up of $tool failed, trying again: $(failure "$log")"
      echo "retried_warmup_${n}_$tool=$(failure "$log")" >> "$res/meta"
    done
  done
  "$bin" --database-url "$(url "bench_schemagate_${n}_0_$$")" --migrations "$d/schemagate" \
    snapshot --from-live --output "$d/expected.toml" > "$work/logs/snapshot_$n.log" 2>&1 ||
    { cat "$work/logs/snapshot_$n.log" >&2; die "snapshot failed (N=$n)"; }
  expected=""

  say "N=$n: cold apply, $rounds rounds"
  done_sets=(0) s=0
  for k in $(seq 1 "$rounds"); do
    while :; do
      s=$((s + 1))
      [ "$s" -le "$sets" ] || { tail -n 20 "$log" >&2; die "cold apply at N=$n failed on every spare database set (BENCH_SPARE_ROUNDS=$spares)"; }
      args=()
      while read -r tool; do
        args+=(-n "$tool" "/usr/bin/time -f %M -o $res/coldmem_${n}_${tool}_$k $(command_for "$tool" "$n" "bench_${tool}_${n}_${s}_$$")")
      done < <(rotate "$k" "${cold_tools[@]}")
      log="$work/logs/cold_${n}_${k}_$s.log"
      rm -f "$res"/coldmem_"${n}"_*_"$k"
      if hyperfine -N -r 1 --show-output --export-json "$res/cold_${n}_$k.json" "${args[@]}" > "$log" 2>&1; then
        done_sets+=("$s")
        break
      fi
      failed=$(grep -l 'non-zero status' "$res"/coldmem_"${n}"_*_"$k" 2>/dev/null | sed "s|.*/coldmem_${n}_||; s|_$k\$||" | paste -sd' ' || true)
      say "cold round $k at N=$n failed (${failed:-?}): $(failure "$log"); again on fresh databases"
      echo "retried_cold_${n}_$k=${failed:-?}: $(failure "$log")" >> "$res/meta"
    done
  done
  # Did every tool really apply every migration? (A floor that silently failed happened.)
  want="$n $((n - 1)) $n $n $n"
  for s in "${done_sets[@]}"; do
    for tool in "${cold_tools[@]}"; do
      got=$(state "$tool" "bench_${tool}_${n}_${s}_$$")
      [ "$got" = "$want" ] || die "$tool, N=$n, database set $s left 'tables fks checks indexes history' = '$got', not '$want'"
    done
  done
  echo "cold_checked_$n=$want" >> "$res/meta"

  say "N=$n: no-op deploy, 3 warm-ups and $runs runs each"
  "$psql" -X "$TEST_DATABASE_URL" -qc CHECKPOINT
  args=(); before=()
  for tool in "${noop_tools[@]}"; do
    src=$tool; [ "$tool" = select1 ] && src=schemagate
    db="bench_${src}_${n}_0_$$"
    "$psql" -X "$(url "$db")" -qc "VACUUM ANALYZE"
    before+=("$(state "$src" "$db") / $(catalog "$db")")
    cmd=$(command_for "$tool" "$n" "$db")
    args+=(-n "$tool" "$cmd")
    echo "$cmd" > "$work/noop_cmd_${n}_$tool"
  done
  "$psql" -X "$TEST_DATABASE_URL" -qc CHECKPOINT
  hyperfine -N -w 3 -r "$runs" --style none --output "$work/logs/noop_$n.log" \
    --export-json "$res/noop_$n.json" "${args[@]}" > "$work/logs/noop_$n.hyperfine" 2>&1 ||
    { tail -n 40 "$work/logs/noop_$n.log" "$work/logs/noop_$n.hyperfine" >&2; die "a no-op run failed (N=$n)"; }
  say "N=$n: no-op peak memory, $mem_runs runs each"
  for tool in "${noop_tools[@]}"; do
    for r in $(seq 1 "$mem_runs"); do
      eval "/usr/bin/time -f %M -a -o $res/noopmem_${n}_$tool $(cat "$work/noop_cmd_${n}_$tool")" >/dev/null 2>&1 ||
        die "$tool failed under GNU time (N=$n)"
    done
  done
  # A no-op changes nothing: same history, same catalog.
  i=0
  for tool in "${noop_tools[@]}"; do
    src=$tool; [ "$tool" = select1 ] && src=schemagate
    db="bench_${src}_${n}_0_$$"
    after="$(state "$src" "$db") / $(catalog "$db")"
    [ "$after" = "${before[$i]}" ] || die "the no-op of $tool changed its database (N=$n): '${before[$i]}' then '$after'"
    i=$((i + 1))
  done
  # And schemagate's no-op really verifies: a column renamed behind its back is caught (exit 9).
  db="bench_schemagate_${n}_0_$$"
  "$psql" -X "$(url "$db")" -qc "ALTER TABLE t1 RENAME COLUMN note TO note_renamed"
  set +e
  $(cat "$work/noop_cmd_${n}_schemagate") > "$work/logs/noop_probe_$n.log" 2>&1
  code=$?
  set -e
  "$psql" -X "$(url "$db")" -qc "ALTER TABLE t1 RENAME COLUMN note_renamed TO note"
  [ "$code" = 9 ] || { cat "$work/logs/noop_probe_$n.log" >&2; die "schemagate's no-op did not catch a renamed column (exit $code, not 9; N=$n)"; }
  echo "noop_checked_$n=history and catalog unchanged; a renamed column made schemagate's no-op exit 9" >> "$res/meta"
done

if [ -n "$verify_sizes" ]; then
  say "verification at scale: $verify_sizes tables (creating them takes a while)"
  # shellcheck disable=SC2086 # the sizes are words
  cargo run --release --locked --quiet --example bench_verify -- $verify_sizes > "$res/verify.md"
fi

if [ -n "$backup" ]; then
  say "backup step: scripts/bench-backup.sh ${backup/,/ }"
  # shellcheck disable=SC2086
  scripts/bench-backup.sh ${backup/,/ } > "$res/backup.txt"
fi

echo "load_end=$(cut -d' ' -f1-3 /proc/loadavg)" >> "$res/meta"
echo "duration_s=$(($(date +%s) - started))" >> "$res/meta"
mkdir -p "$tools/results"
out="$tools/results/bench-$(date -u +%Y%m%dT%H%M%SZ).md"
python3 scripts/bench_report.py "$res" | tee "$out"
say "results kept in $out"
