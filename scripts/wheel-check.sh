#!/usr/bin/env bash
# Build the Python wheel (pyproject.toml: maturin, bin bindings) and check it as a user gets it:
# `pip install` of the built file into a fresh virtual environment puts `schemagate`,
# `alembic-to-sql` and `sqlalchemy-expected-schema` on its PATH, and each of them runs.
#
#   scripts/wheel-check.sh                       release build, what a release would publish
#   SCHEMAGATE_WHEEL_PROFILE=dev scripts/wheel-check.sh
#                                                the dev profile (scripts/test.sh, so CI): reuses
#                                                the test build's dependencies; packaging does
#                                                not depend on the profile
#
# maturin comes from PyPI, pinned, into a virtual environment cached in
# ~/.cache/schemagate/maturin-venv. The wheel is left in target/wheels/.
set -euo pipefail
cd "$(dirname "$0")/.."
MATURIN_VERSION=1.16.0
profile=${SCHEMAGATE_WHEEL_PROFILE:-release}
cache=${XDG_CACHE_HOME:-$HOME/.cache}/schemagate
venv=$cache/maturin-venv

if [ "$("$venv/bin/maturin" --version 2>/dev/null)" != "maturin $MATURIN_VERSION" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "maturin==$MATURIN_VERSION"
fi

version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)
out=target/wheels
rm -f "$out"/schemagate_migrate-"$version"-*.whl
started=$(date +%s)
echo "wheel-check: maturin build ($profile profile)" >&2
"$venv/bin/maturin" build --locked --profile "$profile" --out "$out" >&2
wheel=$(ls "$out"/schemagate_migrate-"$version"-*.whl)
echo "wheel-check: built $wheel in $(( $(date +%s) - started ))s" >&2

# The wheel holds the scripts themselves, not links to them.
"$venv/bin/python" - "$wheel" <<'PY'
import sys
import zipfile

wheel = zipfile.ZipFile(sys.argv[1])
names = wheel.namelist()
for module, script in [
    ("schemagate_migrate/alembic_to_sql.py", "scripts/alembic-to-sql"),
    ("schemagate_migrate/sqlalchemy_expected_schema.py", "scripts/sqlalchemy-expected-schema"),
]:
    if wheel.read(module) != open(script, "rb").read():
        sys.exit(f"wheel-check: {module} in the wheel is not {script}")
binary = [n for n in names if n.endswith(".data/scripts/schemagate")]
if len(binary) != 1:
    sys.exit(f"wheel-check: no schemagate binary in the wheel: {names}")
PY

# A fresh environment, as a user's: only the wheel, nothing from PyPI.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/schemagate-wheel.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
python3 -m venv "$scratch/venv"
"$scratch/venv/bin/pip" install --quiet --disable-pip-version-check --no-index "$wheel"
export PATH="$scratch/venv/bin:$PATH"
cd "$scratch"
for command in schemagate alembic-to-sql sqlalchemy-expected-schema; do
  found=$(command -v "$command")
  [ "$found" = "$scratch/venv/bin/$command" ] || {
    echo "wheel-check: $command is $found, not the wheel's" >&2
    exit 1
  }
done
got=$(schemagate --version)
[ "$got" = "schemagate $version" ] || { echo "wheel-check: schemagate --version: $got" >&2; exit 1; }
alembic-to-sql --help | grep -q '^usage: alembic-to-sql ' || { echo "wheel-check: alembic-to-sql --help" >&2; exit 1; }
sqlalchemy-expected-schema --help | grep -q '^usage: sqlalchemy-expected-schema ' || {
  echo "wheel-check: sqlalchemy-expected-schema --help" >&2
  exit 1
}
echo "wheel-check: $(basename "$wheel"): pip install into a fresh venv; schemagate --version ($got), alembic-to-sql --help, sqlalchemy-expected-schema --help: ok"
