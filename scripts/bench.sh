#!/usr/bin/env bash
# Runs every benchmark in bench/ and prints one line per figure:
#   bench: <name>: <value> <unit> (<ratio>x <reference name>)
# Benchmarks that need PostgreSQL read BENCH_POSTGRES_URL (a throwaway server started here).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/pg.sh
trap pg_stop EXIT
pg_start >/dev/null
export BENCH_POSTGRES_URL="$DATABASE_URL"
unset DATABASE_URL
for script in bench/bench_*.py; do
  .venv/bin/python "$script" || echo "bench: $(basename "$script" .py): échec du script (code $?)"
done
