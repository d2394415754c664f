#!/usr/bin/env bash
# Browser test of the web app against a real server with demo data.
#
#   BANGYI_BIN=build/bangyi bash tests/e2e/run.sh [vitest filter …]
#
# Arguments are passed on to vitest, so `bash tests/e2e/run.sh rounds` runs only e2e/rounds.e2e.ts.
# Needs: the server binary (BANGYI_BIN, default build/bangyi), the built web app (web/dist, from
# `cd web && npm ci && npm run build`), curl, and Chromium at /usr/bin/chromium.
# Seeds a temporary data directory, starts the server on a free loopback port, runs
# `npm run test:e2e` in web/, and always stops the server and removes the directory.
# Set BANGYI_E2E_KEEP=1 to keep the data directory and server log for a look afterwards.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BANGYI_BIN="${BANGYI_BIN:-build/bangyi}"
case "$BANGYI_BIN" in
  /*) ;;
  *) BANGYI_BIN="$ROOT/$BANGYI_BIN" ;;
esac
WEB_ROOT="$ROOT/web/dist"

if [[ ! -x "$BANGYI_BIN" ]]; then
  echo "e2e: server binary not found or not executable: $BANGYI_BIN" >&2
  exit 2
fi
if [[ ! -f "$WEB_ROOT/index.html" ]]; then
  echo "e2e: $WEB_ROOT/index.html missing; run 'cd web && npm ci && npm run build' first" >&2
  exit 2
fi
if [[ ! -d "$ROOT/web/node_modules" ]]; then
  echo "e2e: web/node_modules missing; run 'cd web && npm ci' first" >&2
  exit 2
fi

DATA_DIR="$(mktemp -d "${TMPDIR:-/tmp}/bangyi-e2e.XXXXXX")"
SERVER_LOG="$DATA_DIR/server.log"
SERVER_PID=""

cleanup() {
  local status=$?
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    # Give it a moment to shut down cleanly, then insist.
    for _ in $(seq 1 50); do
      kill -0 "$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ $status -ne 0 && -f "$SERVER_LOG" ]]; then
    echo "e2e: last lines of the server log:" >&2
    tail -n 40 "$SERVER_LOG" >&2 || true
  fi
  if [[ "${BANGYI_E2E_KEEP:-0}" == "1" ]]; then
    echo "e2e: kept $DATA_DIR" >&2
  else
    rm -rf "$DATA_DIR"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "e2e: seeding demo data in $DATA_DIR"
"$BANGYI_BIN" seed-demo --quiet --data-dir "$DATA_DIR"
CREDENTIALS="$DATA_DIR/demo-credentials.txt"
if [[ ! -f "$CREDENTIALS" ]]; then
  echo "e2e: seed-demo wrote no $CREDENTIALS" >&2
  exit 1
fi

# A free port: bind port 0 on loopback and read back what the kernel picked.
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })')"
BASE_URL="http://127.0.0.1:$PORT"

echo "e2e: starting server on $BASE_URL"
"$BANGYI_BIN" serve --data-dir "$DATA_DIR" --port "$PORT" --listen 127.0.0.1 --web-root "$WEB_ROOT" >"$SERVER_LOG" 2>&1 &
SERVER_PID=$!

# Wait up to 30 s for the health check.
ready=0
deadline=$((SECONDS + 30))
while ((SECONDS < deadline)); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "e2e: server exited during start-up" >&2
    exit 1
  fi
  if curl -fsS --max-time 1 "$BASE_URL/api/v1/health" >/dev/null 2>&1; then
    ready=1
    break
  fi
  sleep 0.5
done
if [[ $ready -ne 1 ]]; then
  echo "e2e: server not healthy after 30 s" >&2
  exit 1
fi

echo "e2e: server ready; running the browser test"
cd "$ROOT/web"
BANGYI_E2E_URL="$BASE_URL" BANGYI_E2E_CREDENTIALS="$CREDENTIALS" npm run test:e2e -- "$@"
