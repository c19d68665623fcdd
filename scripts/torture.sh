#!/usr/bin/env bash
# The reliability suite at full size, against the release binary: races of 16 replicas, SIGKILLs
# at random moments of a deploy, PostgreSQL restarted mid deploy. Each is a test of the suite
# (tests/suite/replicas.rs, crashes.rs, server_faults.rs) that CI runs small; this sets the
# counts, runs them one at a time, and ends with their summaries (the figures of RELIABILITY.md).
#
#   scripts/torture.sh [REPLICA_RUNS] [KILLS] [RESTARTS]
#     REPLICA_RUNS  races of 16 replicas on 50 pending migrations, fresh database each (20)
#     KILLS         SIGKILLs in all, spread evenly over the five moments (60)
#     RESTARTS      server restarts in all, over three moments and two modes (30)
#
# Every crash and restart test prints its seed; SCHEMAGATE_TORTURE_SEED=0x... replays it, and
# SCHEMAGATE_TORTURE_ONLY=N replays one round of it. The server faults run on a throwaway
# cluster of their own (initdb as the postgres user when run as root), removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-env.sh
ensure_server

replica_runs=${1:-20}
kills=${2:-60}
restarts=${3:-30}
for n in "$replica_runs" "$kills" "$restarts"; do
  [[ $n =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 [REPLICA_RUNS] [KILLS] [RESTARTS] (positive counts)" >&2; exit 2; }
done
export SCHEMAGATE_TORTURE_REPLICA_RUNS=$replica_runs
export SCHEMAGATE_TORTURE_KILLS=$(( (kills + 4) / 5 ))        # per moment
export SCHEMAGATE_TORTURE_RESTARTS=$(( (restarts + 5) / 6 ))  # per moment and mode

mkdir -p target
log=target/torture.log
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
echo "torture: $replica_runs replica races, $((SCHEMAGATE_TORTURE_KILLS * 5)) kills, $((SCHEMAGATE_TORTURE_RESTARTS * 6)) restarts; log in $log" >&2
set +e
# One test at a time: the kill and restart moments are drawn from windows measured on this
# machine, and parallel tests would stretch them unevenly.
cargo test --release --locked --test suite -- --test-threads=1 --nocapture \
  replicas:: crashes:: server_faults:: 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

echo
echo "== torture summary ($started to $(date -u +%Y-%m-%dT%H:%M:%SZ))"
echo "machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
echo "server: $("$(pg_bin psql)" "$TEST_DATABASE_URL" -qtAc 'show server_version' 2>/dev/null); pg_dump: $("$(pg_bin pg_dump)" --version)"
grep -oE 'torture (replicas|crashes [a-z-]+|server-faults): .*' "$log" || true
grep -E '^test result:' "$log" || true
exit "$status"
