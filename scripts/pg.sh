#!/usr/bin/env bash
# A throwaway PostgreSQL on 127.0.0.1 for tests and benchmarks.
#   source scripts/pg.sh; pg_start; ... uses $DATABASE_URL ...; pg_stop
# PostgreSQL refuses to run as root, so the server runs as the `postgres` system user when we are root.
PG_BIN=${PG_BIN:-$(dirname "$(readlink -f "$(command -v initdb || echo /usr/lib/postgresql/15/bin/initdb)")")}

_pg_as() {
  if [ "$(id -u)" -eq 0 ]; then
    id -u postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

pg_start() {
  PG_DIR=$(mktemp -d /tmp/entente-pg.XXXXXX)
  chmod 755 "$PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres "$PG_DIR"
  PG_PORT=${PG_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
  _pg_as "$PG_BIN/initdb" -D "$PG_DIR/data" -U entente --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  _pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w \
    -o "-h 127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
  export DATABASE_URL="postgres://entente@127.0.0.1:$PG_PORT/postgres"
  export PG_DIR PG_PORT
  echo "PostgreSQL de test démarré sur 127.0.0.1:$PG_PORT"
}

pg_stop() {
  if [ -n "${PG_DIR:-}" ] && [ -d "$PG_DIR/data" ]; then
    _pg_as "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    echo "PostgreSQL de test arrêté"
  fi
}
