#!/usr/bin/env bash
# The REST API under load with wrk: one account with KEYS keys (default 100), each with a history
# and so a latest check, served by the real `quotawatch serve` on a free loopback port; a personal
# access token of that account (qw_seed --token-file) in the Authorization header of every request
# (a wrk Lua script). Each endpoint gets RUNS runs (default 3) of `wrk -t2 -c64 -d10s --latency`;
# the medians of requests/s and of the p99 latency are printed against the issue's targets
# (at least 5,000 requests/s, p99 at most 20 ms on the 2-core machine). Not a timed test: run it
# by hand on a quiet machine.
#   tests/bench/rest_bench.sh [BUILD_DIR]
#   env: KEYS=100 RUNS=3 DURATION=10s CONNECTIONS=64 THREADS=2
#        ENDPOINTS="/api/keys /api/health /metrics"   (a subset while an endpoint is not built)
#        DB=postgresql://user:pass@host:port/db        (default: a SQLite file in a temp folder)
set -euo pipefail

build=${1:-build}
keys=${KEYS:-100}
runs=${RUNS:-3}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
endpoints=${ENDPOINTS:-/api/keys /api/health /metrics}
quotawatch=$build/app/quotawatch
seed=$build/tests/bench/qw_seed
min_rps=5000
max_p99_ms=20

for tool in wrk curl python3 openssl; do
  command -v "$tool" >/dev/null || { echo "rest_bench: $tool is missing: run installer/install-deps.sh" >&2; exit 1; }
done
for binary in "$quotawatch" "$seed"; do
  [ -x "$binary" ] || { echo "rest_bench: $binary is missing: ninja -C $build quotawatch qw_seed" >&2; exit 1; }
done

tmp=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then
    kill -TERM "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

export QUOTAWATCH_MASTER_KEY
QUOTAWATCH_MASTER_KEY=$(openssl rand -base64 32 | tr '+/' '-_')
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data XDG_CACHE_HOME=$tmp/cache
mkdir -p "$HOME"
unset QUOTAWATCH_DB DBUS_SESSION_BUS_ADDRESS
db=${DB:-sqlite://$tmp/rest-bench.db}

# One account (the local owner) with KEYS keys, a day of hourly checks each, and its token.
"$seed" --db "$db" --keys "$keys" --days 1 --every-min 60 --token-file "$tmp/token" >/dev/null
export QW_BENCH_TOKEN
QW_BENCH_TOKEN=$(cat "$tmp/token")

# The access log (one line per request) goes to a file, as a journal would take it.
"$quotawatch" serve --db "$db" --listen 127.0.0.1:0 >"$tmp/serve.out" 2>"$tmp/serve.log" &
server=$!
url=""
for _ in $(seq 200); do
  url=$(sed -n 's/^listening on //p' "$tmp/serve.out")
  [ -n "$url" ] && break
  kill -0 "$server" 2>/dev/null || break
  sleep 0.05
done
if [ -z "$url" ]; then
  echo "rest_bench: quotawatch serve did not start:" >&2
  cat "$tmp/serve.log" >&2
  exit 1
fi

cat >"$tmp/auth.lua" <<'LUA'
-- Every request carries the account's personal access token.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("QW_BENCH_TOKEN")
LUA

# What is measured must be what it claims: each endpoint answers 200, and GET /api/keys lists
# every key with its latest check.
for path in $endpoints; do
  status=$(curl -s -o "$tmp/probe" -w '%{http_code}' -H "Authorization: Bearer $QW_BENCH_TOKEN" "$url$path")
  if [ "$status" != 200 ]; then
    echo "rest_bench: GET $path answers $status, not 200 (not in this build? ENDPOINTS= limits the run):" >&2
    head -c 300 "$tmp/probe" >&2
    echo >&2
    exit 1
  fi
  if [ "$path" = /api/keys ]; then
    python3 - "$tmp/probe" "$keys" <<'PY'
import json, sys
keys = json.load(open(sys.argv[1]))
want = int(sys.argv[2])
with_latest = sum(1 for key in keys if key.get("latest"))
if len(keys) != want or with_latest != want:
    sys.exit(f"rest_bench: GET /api/keys lists {len(keys)} keys, {with_latest} with a latest check; expected {want}")
PY
  fi
done

# wrk's "99%" line in milliseconds (it prints us, ms or s).
p99_ms() {
  awk '$1 == "99%" {
    v = $2
    if (v ~ /us$/) { sub(/us$/, "", v); v = v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v) }
    else if (v ~ /s$/) { sub(/s$/, "", v); v = v * 1000 }
    printf "%.2f", v
  }' "$1"
}
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }

echo "REST API: $keys keys with a latest check; wrk -t$threads -c$connections -d$duration --latency; $runs runs each"
echo "server: $url on $("$quotawatch" --version 2>/dev/null | head -1), database ${db%%:*}, $(nproc) cores"
summary=()
for path in $endpoints; do
  rps_runs=() p99_runs=()
  for run in $(seq "$runs"); do
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -s "$tmp/auth.lua" "$url$path" >"$tmp/wrk.out"
    rps=$(awk '/^Requests\/sec:/ {print $2}' "$tmp/wrk.out")
    p99=$(p99_ms "$tmp/wrk.out")
    bad=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$tmp/wrk.out")
    errors=$(sed -n 's/^ *Socket errors: //p' "$tmp/wrk.out")
    printf 'GET %-12s run %d: %8.0f requests/s, p99 %6.2f ms%s%s\n' "$path" "$run" "$rps" "$p99" \
      "${bad:+, $bad non-2xx answers}" "${errors:+, socket errors: $errors}"
    rps_runs+=("$rps") p99_runs+=("$p99")
  done
  rps=$(median "${rps_runs[@]}")
  p99=$(median "${p99_runs[@]}")
  verdict=$(awk -v r="$rps" -v p="$p99" -v mr="$min_rps" -v mp="$max_p99_ms" \
    'BEGIN { print (r >= mr && p <= mp) ? "meets" : "misses" }')
  summary+=("$(printf 'GET %-12s median %8.0f requests/s, p99 %6.2f ms (%s the target: >= %d/s, p99 <= %d ms)' \
    "$path" "$rps" "$p99" "$verdict" "$min_rps" "$max_p99_ms")")
done
echo
printf '%s\n' "${summary[@]}"
