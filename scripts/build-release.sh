#!/usr/bin/env bash
# The Docker image's build stage, step for step: the Dockerfile runs this script, and CI runs it
# too (`check`), because the build machines have no Docker engine to run the Dockerfile itself.
#
#   scripts/build-release.sh deps        in a directory that holds only Cargo.toml and
#                                        Cargo.lock: build every dependency against a stub
#                                        crate (Docker caches this layer until they change)
#   scripts/build-release.sh app DEST    with the real src/ in place: build schemagate and
#                                        install the binary at DEST
#   scripts/build-release.sh check       both steps in a scratch directory holding exactly
#                                        what the Dockerfile copies, then run the binary
#
# `check` builds with the dev profile into target/ so that it reuses the dependencies the test
# suite already compiled (about a minute instead of a release build's many); what it proves does
# not depend on the profile: the files the Dockerfile copies are enough to build, Cargo.lock is
# current (--locked), and the binary that comes out is the real one, not the stub.
# SCHEMAGATE_BUILD_PROFILE=release makes it build exactly what the image builds.
set -euo pipefail

profile=${SCHEMAGATE_BUILD_PROFILE:-release}

build() {
  cargo build --locked --profile "$profile" --bin schemagate
}

# The directory cargo writes the profile's artifacts to (`dev` writes to debug/).
out_dir() {
  local target=${CARGO_TARGET_DIR:-target}
  if [ "$profile" = dev ]; then echo "$target/debug"; else echo "$target/$profile"; fi
}

deps() {
  if [ ! -f Cargo.toml ] || [ ! -f Cargo.lock ]; then
    echo "build-release.sh deps: run it where Cargo.toml and Cargo.lock are" >&2
    return 2
  fi
  if [ -e src ]; then
    echo "build-release.sh deps: src/ exists; this step builds against a stub, before src/ is copied" >&2
    return 2
  fi
  mkdir src
  echo 'fn main() {}' >src/main.rs
  : >src/lib.rs
  build
  rm -r src
}

app() {
  local dest=${1:?build-release.sh app: where to install the binary}
  # Cargo decides freshness by modification time. Docker's COPY keeps the times the files had
  # in the build context, which can be older than the stub build of the previous layer: without
  # this touch, cargo would find the crate up to date and install the stub.
  find src -name '*.rs' -exec touch {} +
  build
  install -D -m 0755 "$(out_dir)/schemagate" "$dest"
  # The stub prints nothing; the real binary names itself and its version.
  local expected version
  expected="schemagate $(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)"
  version=$("$dest" --version)
  [ "$version" = "$expected" ] || {
    echo "build-release.sh: $dest --version printed '$version', expected '$expected'" >&2
    return 1
  }
  # The release artifacts beside the binary: the man page and the shell completions.
  local share
  share=$(dirname "$dest")/../share
  mkdir -p "$share/man/man1" "$share/bash-completion/completions" "$share/zsh/site-functions" \
    "$share/fish/vendor_completions.d"
  "$dest" man >"$share/man/man1/schemagate.1"
  "$dest" completions bash >"$share/bash-completion/completions/schemagate"
  "$dest" completions zsh >"$share/zsh/site-functions/_schemagate"
  "$dest" completions fish >"$share/fish/vendor_completions.d/schemagate.fish"
  echo "built $dest: $version ($profile profile), with its man page and completions under $share" >&2
}

check() {
  local repo
  repo=$(cd "$(dirname "$0")/.." && pwd)
  scratch=$(mktemp -d "${TMPDIR:-/tmp}/schemagate-build-check.XXXXXX")
  trap 'rm -rf "$scratch"' EXIT
  export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$repo/target}
  # The same files, in the same order, as the Dockerfile's build stage.
  mkdir -p "$scratch/scripts"
  cp "$repo/scripts/build-release.sh" "$scratch/scripts/"
  cp "$repo/Cargo.toml" "$repo/Cargo.lock" "$scratch/"
  (cd "$scratch" && scripts/build-release.sh deps)
  # -p: like Docker's COPY, keep the files' times, which predate the stub build.
  cp -rp "$repo/src" "$scratch/src"
  (cd "$scratch" && scripts/build-release.sh app "$scratch/out/schemagate")
  "$scratch/out/schemagate" --help | grep -q '^  deploy ' || {
    echo "build-release.sh check: the built binary has no deploy command" >&2
    return 1
  }
}

case "${1:-}" in
  deps) deps ;;
  app) app "${2:-}" ;;
  check)
    profile=${SCHEMAGATE_BUILD_PROFILE:-dev}
    export SCHEMAGATE_BUILD_PROFILE=$profile
    check
    ;;
  *)
    echo "usage: scripts/build-release.sh deps | app DEST | check" >&2
    exit 2
    ;;
esac
