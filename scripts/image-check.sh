#!/usr/bin/env bash
# Build the Docker images with buildah and run them as Railway and docker-compose would, on a
# machine with no Docker engine and no registry to pull base images from.
#
# What is built: the root Dockerfile's runtime stage (the schemagate image) and
# examples/compose/Dockerfile (the app image that copies schemagate from it), each derived from
# the real file with only what cannot be had here replaced, and the replacements asserted:
#   - the bases debian:bookworm-slim and python:3.12-slim-bookworm: a debootstrap bookworm
#     (minbase), and the same plus Debian's python3 (3.11);
#   - PostgreSQL's apt repository (unreachable) and its key: Debian's postgresql-client-15,
#     installed the same way, for the server the tests use (15);
#   - the build stage: the binary from the host build (cargo, the release profile, or the one
#     SCHEMAGATE_IMAGE_PROFILE names: scripts/test.sh uses dev, reusing its build; what the
#     image does with the binary does not depend on the profile; scripts/build-release.sh is
#     what CI checks of the build stage itself).
# How they run: in a new PID and mount namespace with the image's root file system (so the
# image's command ends as PID 1, where an unhandled signal is dropped, as in a container), the
# image's user, working directory, environment, entrypoint and command, the host network.
#   1. the schemagate image: `schemagate --version` as its user, 10001;
#   2. compose: the app image as its user with a volume it owns at /backups: deploy (backup,
#      migrations, verification), then the app serves /health and the note V1 wrote; SIGTERM
#      ends it at once;
#   3. Railway with a volume: a root-owned volume at /data, SCHEMAGATE_BACKUP_DIR=/data/backups,
#      Railway's start command (`schemagate deploy --expand-env -- python3 /app/app.py`) as uid
#      10001: exit 7, nothing applied, the hint names RAILWAY_RUN_UID=0;
#   4. the same with RAILWAY_RUN_UID=0 (run as root): deploy, backup on the volume, /health,
#      SIGTERM.
#
# Needs root (buildah with --isolation chroot, namespaces, chroot), buildah and debootstrap
# (installed with apt when missing), Debian's mirror, and a PostgreSQL server
# (scripts/pg-env.sh). The debootstrap tree and buildah's storage (vfs: every layer a full
# copy) are cached in ~/.cache/schemagate/image, about 2 GB; SCHEMAGATE_IMAGE_FRESH=1 starts
# from nothing. Measured on this 2-core machine, loaded by other builds, with the binary built:
# 3.7 minutes with no cache (debootstrap 76 s, the two stand-in bases 32 s, the two images
# 102 s, the four runs 11 s), 1.5 minutes with the bases cached.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
. scripts/pg-env.sh
started=$(date +%s)
step() { echo "== image-check ($(( $(date +%s) - started ))s): $*" >&2; }
# quietly LOG COMMAND...: COMMAND's output goes to LOG, shown only when it fails.
quietly() {
  local log=$1; shift
  "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "image-check: failed: $*" >&2; exit 1; }
}

[ "$(id -u)" = 0 ] || { echo "image-check.sh: run as root (buildah --isolation chroot, unshare, chroot)" >&2; exit 2; }
ensure_tool buildah buildah
ensure_tool debootstrap debootstrap
ensure_server
psql=$(pg_bin psql)
# The images get Debian's pg_dump 15 (PostgreSQL's own repository is unreachable here), which
# refuses newer servers: the deploys below take real backups.
server=$("$psql" "$TEST_DATABASE_URL" -Atc 'SHOW server_version_num')
[ "$server" -lt 160000 ] || {
  echo "image-check.sh: the server at TEST_DATABASE_URL is $server; the images' stand-in pg_dump is 15" >&2
  exit 2
}

cache=${XDG_CACHE_HOME:-$HOME/.cache}/schemagate/image
[ "${SCHEMAGATE_IMAGE_FRESH:-0}" = 1 ] && { buildah --root "$cache/storage" --runroot "$cache/run" --storage-driver vfs rm -a >/dev/null 2>&1 || true; rm -rf "$cache"; }
mkdir -p "$cache"
b() { buildah --root "$cache/storage" --runroot "$cache/run" --storage-driver vfs "$@"; }
base=localhost/schemagate-check/debian:bookworm
pybase=localhost/schemagate-check/python:bookworm
runtime=localhost/schemagate-check/schemagate:check
appimage=localhost/schemagate-check/app:check

scratch=$(mktemp -d "${TMPDIR:-/tmp}/schemagate-image.XXXXXX")
databases=()
cleanup() {
  for f in "$scratch"/*.pid; do kill -KILL "$(cat "$f" 2>/dev/null)" 2>/dev/null || true; done
  # Every working container in this script's own storage (buildah bud can leave the one of a
  # stage used only for COPY --from).
  b rm -a >/dev/null 2>&1 || true
  # The images of earlier runs, untagged by this one's (a few hundred MB each with vfs).
  b rmi --prune >/dev/null 2>&1 || true
  for d in "${databases[@]}"; do "$psql" "$TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$scratch"
}
trap cleanup EXIT

# ---- the binary, from the host build ------------------------------------------------------------
profile=${SCHEMAGATE_IMAGE_PROFILE:-release}
step "cargo build --profile $profile (the binary the image gets)"
cargo build --locked --profile "$profile" --bin schemagate
if [ "$profile" = dev ]; then binary=target/debug/schemagate; else binary=target/$profile/schemagate; fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

# ---- base images ----------------------------------------------------------------------------------
if ! b inspect --type image "$base" >/dev/null 2>&1; then
  if [ ! -f "$cache/rootfs/etc/debian_version" ]; then
    step "debootstrap bookworm (minbase), once"
    rm -rf "$cache/rootfs.tmp"
    quietly "$cache/debootstrap.log" \
      debootstrap --variant=minbase bookworm "$cache/rootfs.tmp" http://deb.debian.org/debian
    mv "$cache/rootfs.tmp" "$cache/rootfs"
  fi
  step "import the debootstrap tree as $base"
  c=$(b from scratch)
  b copy "$c" "$cache/rootfs" / >/dev/null
  b config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd bash "$c"
  b commit --rm "$c" "$base" >/dev/null
fi
if ! b inspect --type image "$pybase" >/dev/null 2>&1; then
  step "a stand-in for python:3.12-slim-bookworm: $base with Debian's python3"
  c=$(b from --pull=never "$base")
  quietly "$cache/python-base.log" b run --isolation chroot "$c" -- sh -ec \
    'apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3; rm -rf /var/lib/apt/lists/*'
  b commit --rm "$c" "$pybase" >/dev/null
fi

# ---- the Containerfiles: the real Dockerfiles, with only the unreachable parts replaced ----------
# Each replacement must match exactly once, so that a change to a Dockerfile breaks this check
# instead of silently building something else.
python3 - "$repo/Dockerfile" "$scratch/runtime.Containerfile" "$repo/examples/compose/Dockerfile" "$scratch/app.Containerfile" "$base" "$pybase" <<'PY'
import re
import sys

dockerfile, runtime_out, compose_dockerfile, app_out, base, pybase = sys.argv[1:]
STAND_IN_CLIENT = (
    "RUN set -eux; apt-get update; "
    "apt-get install -y --no-install-recommends ca-certificates postgresql-client-15; "
    "rm -rf /var/lib/apt/lists/*; "
    '/usr/lib/postgresql/15/bin/pg_dump --version | grep -q "(PostgreSQL) 15\\."\n'
)

def instructions(text):
    """The file's instructions, each with its continuation lines, comments kept."""
    out, current = [], ""
    for line in text.splitlines(keepends=True):
        current += line
        if not line.rstrip("\n").endswith("\\"):
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out

def replace_once(items, predicate, replacement, what):
    hits = [i for i, item in enumerate(items) if predicate(item)]
    if len(hits) != 1:
        sys.exit(f"image-check: expected one {what}, found {len(hits)}")
    items[hits[0]] = replacement

# The schemagate image: the runtime stage, the last FROM.
text = open(dockerfile).read()
runtime = text[text.rindex("\nFROM ") + 1:]
items = instructions(runtime)
replace_once(items, lambda s: s == "FROM debian:bookworm-slim\n", f"FROM {base}\n", "FROM debian:bookworm-slim")
replace_once(items, lambda s: s.startswith("COPY --from=pgdg-key "), "", "COPY of the apt key")
replace_once(items, lambda s: s.startswith("RUN ") and "apt.postgresql.org" in s, STAND_IN_CLIENT, "apt.postgresql.org install")
replace_once(items, lambda s: s == "COPY --from=build /out/schemagate /usr/local/bin/schemagate\n",
             "COPY schemagate /usr/local/bin/schemagate\n", "COPY of the built binary")
open(runtime_out, "w").write("".join(items))

# The compose example's app image.
items = instructions(open(compose_dockerfile).read())
replace_once(items, lambda s: s == "FROM python:3.12-slim-bookworm\n", f"FROM {pybase}\n", "FROM python:3.12-slim-bookworm")
replace_once(items, lambda s: s.startswith("COPY --from=schemagate /usr/share/postgresql-common/"), "", "COPY of the apt key")
replace_once(items, lambda s: s.startswith("RUN ") and "apt.postgresql.org" in s, STAND_IN_CLIENT, "apt.postgresql.org install")
open(app_out, "w").write("".join(items))
PY

step "build the schemagate image (Dockerfile's runtime stage) as $runtime"
mkdir -p "$scratch/context"
cp "$binary" "$scratch/context/schemagate"
quietly "$scratch/bud-runtime.log" \
  b bud --isolation chroot --pull=never -f "$scratch/runtime.Containerfile" -t "$runtime" "$scratch/context"
step "build the compose example's app image as $appimage"
quietly "$scratch/bud-app.log" b bud --isolation chroot --pull=never \
  --build-arg "SCHEMAGATE_IMAGE=$runtime" -f "$scratch/app.Containerfile" -t "$appimage" examples/compose

# ---- running an image as a container runtime would ---------------------------------------------
# start IMAGE NAME [--user UID:GID] [--volume HOSTDIR:PATH] [--env K=V]... [--command ARGS...]:
# a working container's root file system, the volume bind-mounted, and the image's entrypoint
# and command (or ARGS) run as the image's user (or UID:GID) in a new PID and mount namespace,
# with the image's environment and working directory plus the --env values. Output goes to
# $scratch/NAME.log; the host pid of `unshare` is in $scratch/NAME.pid.
start() {
  local image=$1 name=$2; shift 2
  local user="" volume="" envs=() command=()
  while [ $# -gt 0 ]; do
    case $1 in
      --user) user=$2; shift 2 ;;
      --volume) volume=$2; shift 2 ;;
      --env) envs+=("$2"); shift 2 ;;
      --command) shift; command=("$@"); break ;;
    esac
  done
  local c root
  c=$(b from --pull=never "$image")
  root=$(b mount "$c")
  b inspect --type image "$image" >"$scratch/$name.config.json"
  # The container's argv, environment, user and working directory, from the image's config.
  python3 - "$scratch/$name.config.json" "$root" "$user" "$scratch/$name.run" "${envs[@]}" -- "${command[@]}" <<'PY'
import json
import shlex
import sys

config_path, root, user, out, *rest = sys.argv[1:]
split = rest.index("--")
extra_env, command = rest[:split], rest[split + 1:]
config = json.load(open(config_path))["OCIv1"]["config"]
argv = command or (config.get("Entrypoint") or []) + (config.get("Cmd") or [])
env = dict(e.split("=", 1) for e in config.get("Env") or [])
env.setdefault("HOME", "/")
env.update(dict(e.split("=", 1) for e in extra_env))
user = user or config.get("User") or "0"
# A user name resolves in the image's own /etc/passwd, to its uid and primary gid.
name, _, group = user.partition(":")
if not name.isdigit():
    entry = next(l.split(":") for l in open(f"{root}/etc/passwd") if l.split(":")[0] == name)
    name, group = entry[2], group or entry[3]
if group and not group.isdigit():
    group = next(l.split(":")[2] for l in open(f"{root}/etc/group") if l.split(":")[0] == group)
user = f"{name}:{group or name}"
workdir = config.get("WorkingDir") or "/"
with open(out, "w") as f:
    f.write(f"USERSPEC={shlex.quote(user)}\nWORKDIR={shlex.quote(workdir)}\n")
    f.write("ENVS=(" + " ".join(shlex.quote(f"{k}={v}") for k, v in env.items()) + ")\n")
    f.write("ARGV=(" + " ".join(shlex.quote(a) for a in argv) + ")\n")
PY
  # shellcheck disable=SC1090
  . "$scratch/$name.run"
  if [ -n "$volume" ]; then mkdir -p "$root${volume#*:}"; fi
  : >"$scratch/$name.log"
  # PID 1 of the namespace is sh, which execs chroot, which execs env, which execs the image's
  # command: so that command is PID 1, as under Docker or Railway.
  unshare --pid --mount --fork --kill-child -- sh -ec '
    root=$1 volume=$2 userspec=$3 workdir=$4; shift 4
    mount -t proc proc "$root/proc"
    [ -z "$volume" ] || mount --bind "${volume%%:*}" "$root${volume#*:}"
    exec chroot --userspec="$userspec" "$root" /usr/bin/env -i "$@"
  ' sh "$root" "$volume" "$USERSPEC" "$WORKDIR" \
    "${ENVS[@]}" /bin/sh -c 'cd "$0" && exec "$@"' "$WORKDIR" "${ARGV[@]}" \
    >"$scratch/$name.log" 2>&1 &
  echo $! >"$scratch/$name.pid"
}

# The host pid of the container's PID 1 (unshare's one child).
container_pid() {
  local unshare
  unshare=$(cat "$scratch/$1.pid")
  tr -d ' ' <"/proc/$unshare/task/$unshare/children"
}

wait_for_log() {
  local name=$1 text=$2 deadline=$(( $(date +%s) + 180 ))
  until grep -q "$text" "$scratch/$name.log"; do
    if ! kill -0 "$(cat "$scratch/$name.pid")" 2>/dev/null || [ "$(date +%s)" -gt "$deadline" ]; then
      echo "image-check: $name never said '$text':" >&2
      cat "$scratch/$name.log" >&2
      exit 1
    fi
    sleep 0.2
  done
}

# Wait for the container NAME to end; its exit status in $status. (Not in $(...): a subshell
# cannot wait for this shell's children.)
finish() { status=0; wait "$(cat "$scratch/$1.pid")" || status=$?; }

# GET URL: the status line's code, then the body.
http_get() { python3 -c 'import sys, urllib.request; r = urllib.request.urlopen(sys.argv[1], timeout=10); print(r.status); print(r.read().decode())' "$1"; }
# Whether GET URL answers 200 with a body containing TEXT.
http_ok() { local out; out=$(http_get "$1") && [ "${out%%$'\n'*}" = 200 ] && [[ $out == *"$2"* ]]; }

fail() { echo "image-check: $*" >&2; for f in "$scratch"/*.log; do echo "--- $f" >&2; cat "$f" >&2; done; exit 1; }

# SIGTERM to the container's PID 1, as `docker stop` and a Railway redeploy send it; it must end
# by itself well within Docker's 10 s grace period.
stop_within_grace() {
  local name=$1 pid t0
  pid=$(container_pid "$name")
  grep -q "^NSpid:.*[[:space:]]1$" "/proc/$pid/status" || fail "$name: the app is not PID 1"
  t0=$(date +%s%N)
  kill -TERM "$pid"
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -0 "$pid" 2>/dev/null && { kill -KILL "$pid"; fail "$name: still running 10s after SIGTERM"; }
  finish "$name"
  echo "$name: stopped $(( ($(date +%s%N) - t0) / 1000000 )) ms after SIGTERM, exit $status" >&2
}

new_database() {
  local db="schemagate_image_$$_$1"
  "$psql" "$TEST_DATABASE_URL" -qc "CREATE DATABASE $db"
  databases+=("$db")
  echo "${TEST_DATABASE_URL%/*}/$db"
}

# How many of the example's tables and the history table exist in database URL.
applied() { "$psql" "$1" -Atc "SELECT count(*) FROM pg_tables WHERE tablename IN ('notes', 'refinery_schema_history')"; }

# ---- 1. the schemagate image ------------------------------------------------------------------
step "1. the schemagate image: --version as its user"
start "$runtime" version --command sh -c 'echo "uid=$(id -u)"; schemagate --version; ls -ld /data/backups'
finish version
[ "$status" = 0 ] || fail "schemagate --version in the image"
grep -qx "uid=10001" "$scratch/version.log" || fail "the image does not run as uid 10001"
grep -qx "schemagate $version" "$scratch/version.log" || fail "the image's schemagate is not $version"

# ---- 2. compose --------------------------------------------------------------------------------
step "2. compose: the app image as its user, a volume it owns at /backups"
url=$(new_database compose)
volume=$scratch/volume-compose
# A new named volume takes the ownership of the image's directory it is mounted on.
mkdir -m 0700 "$volume" && chown 10001:10001 "$volume"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
start "$appimage" compose --volume "$volume:/backups" --env "DATABASE_URL=$url" \
  --env SCHEMAGATE_BACKUP_DIR=/backups --env "PORT=$port" --env HOST=127.0.0.1
wait_for_log compose "app: listening on"
http_ok "http://127.0.0.1:$port/health" ok || fail "compose: /health"
http_ok "http://127.0.0.1:$port/" "written by migration V1" || fail "compose: / lacks the note V1 wrote"
ls "$volume"/*.dump >/dev/null 2>&1 || fail "compose: no backup on the volume"
stop_within_grace compose
grep -q "applied V2__add_note_author.sql" "$scratch/compose.log" || fail "compose: V2 not applied"

# ---- 3. Railway, volume owned by root, no RAILWAY_RUN_UID ---------------------------------------
step "3. Railway: a root-owned volume at /data, the start command as uid 10001"
url=$(new_database railway)
volume=$scratch/volume-railway
mkdir -m 0755 "$volume"   # root's, as Railway mounts it
railway_start=(schemagate deploy --expand-env -- python3 /app/app.py)
start "$appimage" railway-uid --volume "$volume:/data" --env "DATABASE_URL=$url" \
  --env SCHEMAGATE_BACKUP_DIR=/data/backups --env "PORT=$port" --env HOST=127.0.0.1 \
  --command "${railway_start[@]}"
finish railway-uid
[ "$status" = 7 ] || fail "railway-uid: exit $status, expected 7"
grep -q "could not create backup directory /data/backups: Permission denied" "$scratch/railway-uid.log" || fail "railway-uid: message"
grep -q "hint: /data is owned by uid 0 and schemagate runs as uid 10001" "$scratch/railway-uid.log" || fail "railway-uid: no hint"
grep -q "RAILWAY_RUN_UID=0" "$scratch/railway-uid.log" || fail "railway-uid: the hint does not name RAILWAY_RUN_UID=0"
[ "$(applied "$url")" = 0 ] || fail "railway-uid: something was applied"
sed -n '/could not create/,$p' "$scratch/railway-uid.log" >&2

# ---- 4. Railway with RAILWAY_RUN_UID=0 -----------------------------------------------------------
step "4. Railway with RAILWAY_RUN_UID=0: the start command as root"
start "$appimage" railway-root --user 0:0 --volume "$volume:/data" --env "DATABASE_URL=$url" \
  --env SCHEMAGATE_BACKUP_DIR=/data/backups --env "PORT=$port" --env HOST=127.0.0.1 \
  --command "${railway_start[@]}"
wait_for_log railway-root "app: listening on"
http_ok "http://127.0.0.1:$port/health" ok || fail "railway-root: /health"
ls "$volume"/backups/*.dump >/dev/null 2>&1 || fail "railway-root: no backup on the volume"
stop_within_grace railway-root

step "done: images built and run as compose and Railway would, in $(( $(date +%s) - started ))s"
echo "image-check: ok ($(( $(date +%s) - started ))s)"
