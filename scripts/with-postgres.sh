#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL 15 cluster: initdb into a fresh folder, listen on
# 127.0.0.1 on a free port, export BANGYI_TEST_PG_URL (a superuser URL to the "postgres"
# database), run the command, and stop and remove the cluster whatever the command's result.
#   usage: scripts/with-postgres.sh COMMAND [ARGS...]
# initdb refuses to run as root, so as root the cluster runs as the "postgres" user.
set -euo pipefail

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
  echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2
  exit 2
fi
BASE=$(mktemp -d /tmp/bangyi-pg.XXXXXX)
chmod 755 "$BASE"
PGDATA="$BASE/data"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')

as_pg() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
if [[ "$(id -u)" -eq 0 ]]; then
  chown postgres: "$BASE"
fi

cleanup() {
  local status=$?
  as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$BASE"
  exit "$status"
}
trap cleanup EXIT INT TERM

as_pg "$PG_BIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 ||
  { cat "$BASE/initdb.log" >&2; exit 1; }
# Test settings: durability is not under test, speed is welcome. BANGYI_PG_DURABLE=1 keeps
# PostgreSQL's durable defaults (for benchmarks).
FAST="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[[ "${BANGYI_PG_DURABLE:-0}" == "1" ]] && FAST=""
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$BASE/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$BASE $FAST -c max_connections=300" \
  start >/dev/null ||
  { cat "$BASE/server.log" >&2; exit 1; }

export BANGYI_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT"
"$@"
