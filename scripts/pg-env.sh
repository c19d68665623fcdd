# Sourced by the other scripts: make sure a PostgreSQL server answers, and export
# TEST_DATABASE_URL for it. Uses the server at TEST_DATABASE_URL (default: the local one on
# 127.0.0.1:5432, user postgres) when it answers; otherwise installs PostgreSQL if needed
# (Debian, as root) and starts a throwaway cluster owned by a non-root user, stopped on exit.

: "${TEST_DATABASE_URL:=postgres://postgres@127.0.0.1:5432/postgres}"
export TEST_DATABASE_URL

pg_bin() {
  for d in /usr/lib/postgresql/*/bin /usr/local/bin /usr/bin; do
    [ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
  done
  command -v "$1"
}

# ensure_tool COMMAND PACKAGE: install Debian's PACKAGE when COMMAND is missing (as root), or
# say which package is needed.
ensure_tool() {
  command -v "$1" >/dev/null && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing $2 (for $1)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
  else
    echo "$1 is needed: install $2" >&2
    return 1
  fi
}

ensure_pg_client() {
  if ! command -v pg_dump >/dev/null || ! command -v psql >/dev/null; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing postgresql-client (pg_dump, pg_restore, psql)" >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-client >/dev/null
    else
      echo "pg_dump and psql are needed: install postgresql-client" >&2
      return 1
    fi
  fi
}

server_answers() {
  "$(pg_bin psql)" "$TEST_DATABASE_URL" -qtAc 'select 1' >/dev/null 2>&1
}

start_throwaway_cluster() {
  if [ -z "$(pg_bin initdb)" ] || [ -z "$(pg_bin pg_ctl)" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
      echo "no PostgreSQL server answers at $TEST_DATABASE_URL and initdb is not installed" >&2
      return 1
    fi
  fi
  start_cluster "$(dirname "$(pg_bin initdb)")" 55432
  trap stop_cluster EXIT
  echo "started a throwaway PostgreSQL cluster at $TEST_DATABASE_URL" >&2
}

# start_cluster BINDIR PORT [LIBDIR]: initdb a cluster in a new temporary directory with the
# server binaries in BINDIR (and their libraries in LIBDIR, for builds not installed
# system-wide), start it on 127.0.0.1:PORT with trust authentication and TLS, and export
# TEST_DATABASE_URL for it. stop_cluster stops and removes it; the caller sets the trap.
start_cluster() {
  local bindir=$1 port=$2 libdir=${3:-} dir runas=""
  dir=$(mktemp -d /tmp/schemagate-pg.XXXXXX)
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$dir"
    runas="runuser -u postgres --"
  fi
  # Only the server's commands get LD_LIBRARY_PATH: a downloaded build ships its own libpq,
  # which the machine's pg_dump must not pick up.
  [ -n "$libdir" ] && runas="$runas env LD_LIBRARY_PATH=$libdir"
  $runas "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --no-sync >/dev/null
  # TLS with a self-signed certificate, like the managed databases the tests stand in for.
  local tls=""
  if command -v openssl >/dev/null; then
    openssl req -new -x509 -days 2 -nodes -subj /CN=localhost -addext basicConstraints=critical,CA:FALSE \
      -addext subjectAltName=DNS:localhost -keyout "$dir/data/server.key" \
      -out "$dir/data/server.crt" >/dev/null 2>&1 && chmod 600 "$dir/data/server.key"
    [ "$(id -u)" = 0 ] && chown postgres "$dir/data/server.key" "$dir/data/server.crt"
    tls="-c ssl=on -c ssl_cert_file=$dir/data/server.crt -c ssl_key_file=$dir/data/server.key"
  fi
  SCHEMAGATE_CLUSTER_DIR=$dir
  SCHEMAGATE_CLUSTER_STOP="$runas $bindir/pg_ctl -D $dir/data -m fast stop"
  if ! $runas "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 $tls" -w start >/dev/null; then
    tail -n 20 "$dir/log" >&2
    return 1
  fi
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
}

stop_cluster() {
  [ -n "${SCHEMAGATE_CLUSTER_DIR:-}" ] || return 0
  eval "$SCHEMAGATE_CLUSTER_STOP" >/dev/null 2>&1 || true
  rm -rf "$SCHEMAGATE_CLUSTER_DIR"
  SCHEMAGATE_CLUSTER_DIR=""
}

ensure_server() {
  ensure_pg_client || return 1
  server_answers || start_throwaway_cluster
}
