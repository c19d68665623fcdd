#!/usr/bin/env bash
# Validate railway.json against Railway's published JSON schema. The schema and a Python virtual
# environment with jsonschema are kept outside the repository, in ~/.cache/schemagate. It needs
# railway.com and PyPI, so CI does not run it; CI checks the fields schemagate relies on
# (tests/suite/shipping.rs), and scripts/check-railway.sh (run by scripts/test.sh) checks that
# .railway/railway.ts, the Infrastructure as Code form Railway reads since railway.json stopped
# being read on 2026-12-01, carries the same start command, healthcheck and restart policy.
#
#   scripts/check-railway-json.sh                                   # downloads the schema once
#   RAILWAY_SCHEMA=/path/to/railway.schema.json scripts/check-railway-json.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${XDG_CACHE_HOME:-$HOME/.cache}/schemagate
schema=${RAILWAY_SCHEMA:-$cache/railway.schema.json}
mkdir -p "$cache"
[ -f "$schema" ] || curl -fsSL -o "$schema" https://railway.com/railway.schema.json
[ -x "$cache/venv/bin/python" ] || python3 -m venv "$cache/venv"
"$cache/venv/bin/python" -c 'import jsonschema' 2>/dev/null || "$cache/venv/bin/pip" install -q jsonschema
"$cache/venv/bin/python" - "$schema" railway.json <<'PY'
import json
import sys

import jsonschema

schema_path, config_path = sys.argv[1:]
schema = json.load(open(schema_path))
config = json.load(open(config_path))
validator = jsonschema.validators.validator_for(schema)
validator.check_schema(schema)
errors = sorted(validator(schema).iter_errors(config), key=lambda e: list(e.path))
for e in errors:
    print(f"{config_path}: {'.'.join(map(str, e.path)) or '(top)'}: {e.message}", file=sys.stderr)
if errors:
    sys.exit(1)
print(f"{config_path}: valid against {schema_path}")
PY
