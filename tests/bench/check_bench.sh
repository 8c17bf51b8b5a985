#!/usr/bin/env bash
# Many keys checked against a local provider with injected latency, measured with /usr/bin/time
# -v: wall time against the ideal (rounds x latency), CPU time per check, and the peak resident
# memory of the checking process. The provider runs in a process of its own, so its CPU is not
# counted. MODE=check runs `quotawatch check`; MODE=schedule runs one Scheduler round (what
# `quotawatch serve` does, alert evaluation included) through qw_schedule_bench, which times the
# round itself.
#   tests/bench/check_bench.sh [BUILD_DIR]
#   env: MODE=check KEYS=400 DELAY_MS=100 CONCURRENCY=16 PER_HOST=16 RUNS=5
set -euo pipefail

build=${1:-build}
keys=${KEYS:-400}
delay=${DELAY_MS:-100}
concurrency=${CONCURRENCY:-16}
per_host=${PER_HOST:-16}
runs=${RUNS:-5}
mode=${MODE:-check}
quotawatch=$build/app/quotawatch
schedule_bench=$build/tests/bench/qw_schedule_bench
server_bin=$build/tests/bench/qw_bench_provider_server

tmp=$(mktemp -d)
server=""
cleanup() {
  exec 7>&- 2>/dev/null || true # the server exits when its standard input closes
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The server's standard input is a FIFO this script holds open (fd 7); no helper process is left
# behind holding this script's output open.
mkfifo "$tmp/server-stdin"
"$server_bin" --delay-ms "$delay" --port-file "$tmp/port" <"$tmp/server-stdin" &
server=$!
exec 7>"$tmp/server-stdin"
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")

export QUOTAWATCH_MASTER_KEY
QUOTAWATCH_MASTER_KEY=$(openssl rand -base64 32 | tr '+/' '-_')
db="sqlite://$tmp/bench.db"
{
  echo "name,platform,secret,base_url"
  for i in $(seq "$keys"); do echo "key $i,deepseek,sk-bench-$i-0123456789abcdef,http://127.0.0.1:$port"; done
} >"$tmp/keys.csv"
"$quotawatch" keys import "$tmp/keys.csv" --db "$db" >/dev/null

rounds=$(((keys + concurrency - 1) / concurrency))
ideal_ms=$((rounds * delay))
echo "$mode of $keys keys, ${delay} ms latency, concurrency $concurrency, per host $per_host; ideal ${ideal_ms} ms"
if [ "$mode" = schedule ]; then
  command=("$schedule_bench" --db "$db" --concurrency "$concurrency" --per-host "$per_host")
else
  command=("$quotawatch" check --db "$db" --concurrency "$concurrency" --per-host "$per_host")
fi
walls=() cpus=() rss=()
for run in $(seq "$runs"); do
  /usr/bin/time -v "${command[@]}" >"$tmp/out" 2>"$tmp/time" ||
    { echo "run $run: not every check was ok"; tail -5 "$tmp/out"; exit 1; }
  if [ "$mode" = schedule ]; then
    wall=$(sed -n 's/.*round_ms=\([0-9.]*\).*/\1/p' "$tmp/out")
    cpu=$(sed -n 's/.*round_cpu_ms=\([0-9.]*\).*/\1/p' "$tmp/out")
  else
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print (t[1] * 60 + t[2]) * 1000}' "$tmp/time")
    cpu=$(awk -F': ' '/User time/ {u=$2} /System time/ {s=$2} END {print (u + s) * 1000}' "$tmp/time")
  fi
  mem=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
  walls+=("$wall") cpus+=("$cpu") rss+=("$mem")
  printf 'run %d: wall %.0f ms, cpu %.0f ms, peak rss %d KiB\n' "$run" "$wall" "$cpu" "$mem"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
wall=$(median "${walls[@]}")
cpu=$(median "${cpus[@]}")
mem=$(median "${rss[@]}")
awk -v w="$wall" -v c="$cpu" -v m="$mem" -v i="$ideal_ms" -v k="$keys" 'BEGIN {
  printf "median: wall %.0f ms = %.2f x ideal; cpu %.2f ms per check; peak rss %.1f MiB\n", w, w / i, c / k, m / 1024 }'
