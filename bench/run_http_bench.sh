#!/usr/bin/env bash
# HTTP benchmark: Bangyi against a raw Beast server built from bench/, both loaded with wrk on
# 127.0.0.1 in the same run. Prints req/s and p99 for
#   raw    GET /ping                       (the ceiling of the HTTP stack on this machine)
#   bangyi GET /api/v1/health              (router, middleware, metrics, access log)
#   bangyi GET /api/v1/organizations/{id}  (session lookup, permission check, SQLite reads)
# and each Bangyi figure as a ratio of the raw ping. Bounded: a few seconds per run, loopback only.
#   usage: bench/run_http_bench.sh [DURATION_SECONDS] [CONNECTIONS]
# With BANGYI_DATABASE_URL=postgresql://… in the environment the server runs on PostgreSQL, e.g.
#   BANGYI_PG_DURABLE=1 scripts/with-postgres.sh bash -c \
#     'psql "$BANGYI_TEST_PG_URL" -c "create database bench" &&
#      BANGYI_DATABASE_URL=${BANGYI_TEST_PG_URL%/postgres}/bench bench/run_http_bench.sh'
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-8}"
CONNS="${2:-32}"
THREADS=2
BUILD_DIR="${BUILD_DIR:-build}"
BIN="$BUILD_DIR/bangyi"
RAW="$BUILD_DIR/bench/raw_beast_server"
for f in "$BIN" "$RAW"; do
  [[ -x "$f" ]] || { echo "missing $f: run 'make build' first" >&2; exit 2; }
done
command -v wrk >/dev/null || { echo "wrk not installed (apt-get install wrk)" >&2; exit 2; }

DATA="$(mktemp -d /tmp/bangyi-bench.XXXXXX)"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$DATA"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 100); do curl -fs "$1" >/dev/null && return 0; sleep 0.1; done; echo "not up: $1" >&2; exit 1; }

RAW_PORT=$(free_port)
"$RAW" "$RAW_PORT" 2 & PIDS+=($!)
"$BIN" seed-demo --data-dir "$DATA" >/dev/null
APP_PORT=$(free_port)
BANGYI_LOG_LEVEL=warn "$BIN" serve --data-dir "$DATA" --port "$APP_PORT" --web-root "$DATA/none" >"$DATA/server.log" 2>&1 & PIDS+=($!)
wait_http "http://127.0.0.1:$RAW_PORT/ping"
wait_http "http://127.0.0.1:$APP_PORT/api/v1/health"

PASSWORD=$(awk '$1=="foundation_admin"{print $3}' "$DATA/demo-credentials.txt")
COOKIE=$(curl -fs -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$PASSWORD\"}" "http://127.0.0.1:$APP_PORT/api/v1/auth/login" |
  awk -F'[ ;]' 'tolower($1)=="set-cookie:"{print $2}')
ORG_ID=2
curl -fs -H "Cookie: $COOKIE" "http://127.0.0.1:$APP_PORT/api/v1/organizations/$ORG_ID" >/dev/null

# wrk prints "Requests/sec: N" and, with --latency, "99% Xms|us|s".
run() {  # name url [header]
  local out
  if [[ $# -ge 3 ]]; then
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -H "$3" "$2")
  else
    out=$(wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency "$2")
  fi
  local rps p99 non2xx
  rps=$(awk '/Requests\/sec/{print $2}' <<<"$out")
  p99=$(awk '$1=="99%"{print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/{print $NF}' <<<"$out")
  echo "$1 $rps $p99 ${non2xx:-0}"
}
to_ms() { awk -v v="$1" 'BEGIN{ if (v ~ /us$/) {sub(/us$/,"",v); print v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v); print v} else {sub(/s$/,"",v); print v*1000} }'; }

# Warm-up: open the database pool's connections and prepare statements before measuring.
wrk -t"$THREADS" -c"$CONNS" -d2s -H "Cookie: $COOKIE" "http://127.0.0.1:$APP_PORT/api/v1/organizations/$ORG_ID" >/dev/null
wrk -t"$THREADS" -c"$CONNS" -d1s "http://127.0.0.1:$RAW_PORT/ping" >/dev/null
echo "wrk: $THREADS threads, $CONNS connections, ${DURATION}s each, 127.0.0.1; $(nproc) cores shared by servers and load generator"
read -r _ RAW_RPS RAW_P99 _ < <(run raw "http://127.0.0.1:$RAW_PORT/ping")
read -r _ H_RPS H_P99 H_ERR < <(run health "http://127.0.0.1:$APP_PORT/api/v1/health")
read -r _ O_RPS O_P99 O_ERR < <(run org "http://127.0.0.1:$APP_PORT/api/v1/organizations/$ORG_ID" "Cookie: $COOKIE")
printf '%-44s %12s %10s %10s\n' "endpoint" "req/s" "p99 ms" "x raw"
printf '%-44s %12.0f %10.2f %10.2f\n' "raw Beast GET /ping" "$RAW_RPS" "$(to_ms "$RAW_P99")" 1
printf '%-44s %12.0f %10.2f %10.2f\n' "bangyi GET /api/v1/health" "$H_RPS" "$(to_ms "$H_P99")" "$(awk -v a="$H_RPS" -v b="$RAW_RPS" 'BEGIN{print a/b}')"
printf '%-44s %12.0f %10.2f %10.2f\n' "bangyi GET /api/v1/organizations/{id} (auth)" "$O_RPS" "$(to_ms "$O_P99")" "$(awk -v a="$O_RPS" -v b="$RAW_RPS" 'BEGIN{print a/b}')"
if [[ "$H_ERR" != "0" || "$O_ERR" != "0" ]]; then
  echo "non-2xx responses: health=$H_ERR org=$O_ERR" >&2
  exit 1
fi
