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

# Production settings (a throwaway long key, DEBUG off, HTTPS on): any deploy warning fails,
# and none is silenced in the settings.
echo "== check --deploy avec les réglages de production"
env DEBUG=off SECURE_COOKIES=on BEHIND_HTTPS_PROXY=on ALLOWED_HOSTS=entente.exemple.fr \
  SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(64))')" \
  $PY manage.py check --deploy --fail-level WARNING
WORKERS=${TEST_WORKERS:-2}

# SQLite is the demo database: the suite runs there without the permission matrix (pure rules,
# the same on both databases, and a third of the time) and with tables created straight from the
# models (the migrations themselves are exercised on PostgreSQL below), to keep CI short.
echo "== tests sur SQLite"
env -u DATABASE_URL $PY -m pytest -q -n "$WORKERS" -m "not browser and not postgres and not hardening and not servers" -p no:randomly \
  --no-migrations --ignore=tests/test_permission_matrix.py

# axe-core (vendored by axe-playwright-python) in Chromium over the main pages, anonymous and
# signed in: no serious or critical violation; every browser test also fails on a CSP violation.
echo "== accessibilité (axe-core) et politique de sécurité du contenu, dans Chromium"
env -u DATABASE_URL $PY -m pytest -q -m browser -p no:randomly --no-migrations tests/e2e/test_accessibility_and_csp.py

# The browser tests sign in with ProConnect against a real OpenID provider (npm oidc-provider).
echo "== fournisseur OpenID de test (npm)"
npm ci --prefix tests/oidc_provider --no-audit --no-fund --loglevel=error >/dev/null

echo "== tests sur PostgreSQL 15 (navigateur inclus)"
pg_start
# --reuse-db keeps the migrated test databases for the API contract stage below.
$PY -m pytest -q -n "$WORKERS" -m "not browser and not hardening and not servers" --reuse-db
$PY -m pytest -q -m browser --ignore=tests/e2e/test_accessibility_and_csp.py

# Schemathesis over /api/v1/openapi.json, anonymous and with a token, on PostgreSQL (which refuses
# what SQLite lets through, such as NUL characters): no server error, every status documented, every
# body as documented. HARDENING_EXAMPLES (default 8) bounds the generated requests per operation.
echo "== contrat de l'API (schemathesis)"
HARDENING_EXAMPLES=${HARDENING_EXAMPLES:-8} $PY -m pytest -q -n "$WORKERS" -m hardening -p no:randomly \
  --reuse-db -p no:logging --show-capture=no tests/test_api_contract_fuzz.py

# Two gunicorn servers on the same PostgreSQL with one Redis (started and stopped by the tests on
# 127.0.0.1): sessions, rate limits, private files and background jobs shared across servers.
echo "== deux serveurs web, une base, un Redis"
$PY -m pytest -q -m servers -p no:randomly tests/servers
