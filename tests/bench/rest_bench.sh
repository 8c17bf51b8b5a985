#!/usr/bin/env bash
# The REST API under load with wrk: GET /api/keys for an account with 100 keys (each with a
# latest check), GET /api/health and GET /metrics, 64 connections for 10 s each, RUNS times; the
# medians of requests/s and of the 99th percentile latency. The server (qw_bench_rest_server, a
# seeded throwaway database) runs in a process of its own.
#   tests/bench/rest_bench.sh [BUILD_DIR]
#   env: KEYS=100 CONNECTIONS=64 THREADS=2 DURATION=10s RUNS=3
set -euo pipefail

build=${1:-build}
keys=${KEYS:-100}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
duration=${DURATION:-10s}
runs=${RUNS:-3}
server_bin=$build/tests/bench/qw_bench_rest_server

tmp=$(mktemp -d)
server=""
cleanup() {
  exec 7>&- 2>/dev/null || true # the server exits when its standard input closes
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

mkfifo "$tmp/server-stdin"
"$server_bin" --keys "$keys" --out-file "$tmp/server" <"$tmp/server-stdin" &
server=$!
exec 7>"$tmp/server-stdin"
for _ in $(seq 600); do [ -s "$tmp/server" ] && break; sleep 0.1; done
read -r port token <"$tmp/server"
base="http://127.0.0.1:$port"

# wrk's latency figures in milliseconds ("850.00us", "1.20ms", "1.01s").
to_ms() {
  awk -v v="$1" 'BEGIN {
    if (v ~ /us$/) { sub(/us$/, "", v); printf "%.2f", v / 1000 }
    else if (v ~ /ms$/) { sub(/ms$/, "", v); printf "%.2f", v }
    else if (v ~ /s$/) { sub(/s$/, "", v); printf "%.2f", v * 1000 }
    else printf "%s", v }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "wrk -t$threads -c$connections -d$duration, $runs runs each, $keys keys"
for path in /api/keys /api/health /metrics; do
  rates=() p99s=() errors=0
  for _ in $(seq "$runs"); do
    wrk -t"$threads" -c"$connections" -d"$duration" --latency -H "Authorization: Bearer $token" \
      "$base$path" >"$tmp/wrk"
    rates+=("$(awk '/^Requests\/sec/ { print $2 }' "$tmp/wrk")")
    p99s+=("$(to_ms "$(awk '$1 == "99%" { print $2 }' "$tmp/wrk")")")
    # Any non-2xx answer or socket error makes the figures meaningless.
    if grep -qE 'Non-2xx|Socket errors' "$tmp/wrk"; then
      errors=1
      grep -E 'Non-2xx|Socket errors' "$tmp/wrk" >&2
    fi
  done
  printf '%-12s %10s requests/s (median)   p99 %8s ms (median)%s\n' "$path" "$(median "${rates[@]}")" \
    "$(median "${p99s[@]}")" "$([ "$errors" = 1 ] && echo '   ERRORS, see above' || true)"
done
