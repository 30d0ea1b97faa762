#!/usr/bin/env bash
# The whole suite: lint, migrations, tests on SQLite, then on a throwaway PostgreSQL with the
# browser tests. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
source scripts/pg.sh
trap pg_stop EXIT

echo "== ruff"
$PY -m ruff check .
echo "== migrations à jour"
$PY manage.py makemigrations --check --dry-run >/dev/null
WORKERS=${TEST_WORKERS:-2}

echo "== tests sur SQLite"
env -u DATABASE_URL $PY -m pytest -q -n "$WORKERS" -m "not browser and not postgres" -p no:randomly

echo "== tests sur PostgreSQL 15 (navigateur inclus)"
pg_start
$PY -m pytest -q -n "$WORKERS" -m "not browser"
$PY -m pytest -q -m browser
