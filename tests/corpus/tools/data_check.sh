#!/bin/bash
# The data check of the corpus (tests/corpus/README.md, "Data written by converted revisions"):
# scripts/alembic-data-check for each named project, one after the other, with the project's
# virtual environment (VENVS/PROJECT, as the README's "How each reference was recorded" makes
# it), run from the package's directory. Extra arguments for all projects in EXTRA (--seed).
#
#     VENVS=/root/.cache/corpus-venvs tests/corpus/tools/data_check.sh argilla mlflow airflow prefect
#
# Writes OUT/dc-PROJECT.txt (default OUT=/tmp/corpus-datacheck).
set -u
REPO=$(cd "$(dirname "$0")/../../.." && pwd)
VENVS=${VENVS:-/root/.cache/corpus-venvs}
OUT=${OUT:-/tmp/corpus-datacheck}
SERVER=${SERVER:-postgres://postgres@127.0.0.1:5432/postgres}
SCHEMAGATE=${SCHEMAGATE:-$REPO/target/debug/schemagate}
mkdir -p "$OUT" /tmp/corpus-home
export AIRFLOW_HOME=/tmp/corpus-home/airflow PREFECT_HOME=/tmp/corpus-home/prefect \
    ARGILLA_HOME_PATH=/tmp/corpus-home/argilla
for p in "$@"; do
  unset PYTHONPATH
  initial=()
  case $p in
    airflow) args=(--alembic-ini airflow/alembic.ini --url-env AIRFLOW__DATABASE__SQL_ALCHEMY_CONN
                   --alembic-driver psycopg2);;
    prefect) export PYTHONPATH=$REPO/tests/corpus/tools/prefect_anyio
             args=(--alembic-ini prefect-alembic.ini --url-env PREFECT_API_DATABASE_CONNECTION_URL
                   --alembic-driver asyncpg);;
    mlflow) # MLflow's create_all tables, the hand-written first part of V1.
            awk '/^-- HAND-WRITTEN/{on=1} /^-- The revision itself/{exit} on && !/^--/' \
                "$REPO"/tests/corpus/mlflow/migrations/V1__*.sql > "$OUT/mlflow-initial.sql"
            args=(--alembic-ini mlflow-alembic.ini); initial=(--initial-sql "$OUT/mlflow-initial.sql");;
    argilla) args=(--alembic-ini argilla_server/alembic.ini --url-env ARGILLA_DATABASE_URL);;
    *) echo "unknown project $p" >&2; exit 2;;
  esac
  cd "$VENVS/$p/lib/python3.11/site-packages" || exit 2
  start=$(date +%s)
  "$VENVS/$p/bin/python" "$REPO/scripts/alembic-data-check" "${args[@]}" "${initial[@]}" \
      --migrations "$REPO/tests/corpus/$p/migrations" --server-url "$SERVER" \
      --schemagate "$SCHEMAGATE" ${EXTRA:-} > "$OUT/dc-$p.txt" 2>&1
  echo "rc=$? seconds=$(( $(date +%s) - start ))" >> "$OUT/dc-$p.txt"
done
