#!/usr/bin/env bash
# Team mode under load: KEYS keys at an INTERVAL_S interval shared by INSTANCES `quotawatch serve`
# processes on one PostgreSQL database (a throw-away server of its own, tests/fixtures/pg-fixture.sh),
# against a loopback provider answering after DELAY_MS (qw_bench_provider_server, a process of its
# own). After DURATION_S it prints: how often each key was checked per interval once the startup
# round is over (min / median / max over every key and interval, from the stored checks), how the
# keys were shared (last_checked_by), the PostgreSQL server's CPU time (postmaster and backends,
# from /proc) and each instance's peak RSS (VmHWM). Not part of ctest.
#   tests/bench/team_bench.sh [BUILD_DIR]
#   env: KEYS=3000 INTERVAL_S=60 DELAY_MS=100 DURATION_S=180 INSTANCES=3
set -euo pipefail

build=${1:-build}
keys=${KEYS:-3000}
interval=${INTERVAL_S:-60}
delay=${DELAY_MS:-100}
duration=${DURATION_S:-180}
instances=${INSTANCES:-3}
here=$(cd "$(dirname "$0")" && pwd)
quotawatch=$build/app/quotawatch
server_bin=$build/tests/bench/qw_bench_provider_server

tmp=$(mktemp -d)
chmod 755 "$tmp"
server="" serves=()
cleanup() {
  for pid in "${serves[@]}"; do kill "$pid" 2>/dev/null || true; done
  exec 7>&- 2>/dev/null || true # the provider exits when its standard input closes
  [ -n "$server" ] && kill "$server" 2>/dev/null || true
  bash "$here/../fixtures/pg-fixture.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

bash "$here/../fixtures/pg-fixture.sh" start "$tmp/pg" >/dev/null
admin=$(cat "$tmp/pg/url")
psql -q "$admin" -c 'CREATE DATABASE qw_team_bench'
db=${admin%/postgres}/qw_team_bench
psql_db() { psql -X -q -t -A "$db" "$@"; }
postmaster=$(head -1 "$(cat "$tmp/pg/datadir")/cluster/postmaster.pid")

mkfifo "$tmp/server-stdin"
"$server_bin" --delay-ms "$delay" --port-file "$tmp/port" <"$tmp/server-stdin" &
server=$!
exec 7>"$tmp/server-stdin"
for _ in $(seq 50); do [ -s "$tmp/port" ] && break; sleep 0.1; done
port=$(cat "$tmp/port")

export QUOTAWATCH_MASTER_KEY
QUOTAWATCH_MASTER_KEY=$(openssl rand -base64 32 | tr '+/' '-_')
{
  echo "name,platform,secret,base_url,interval"
  for i in $(seq "$keys"); do echo "key $i,deepseek,sk-team-$i-0123456789abcdef,http://127.0.0.1:$port,${interval}s"; done
} >"$tmp/keys.csv"
"$quotawatch" keys import "$tmp/keys.csv" --db "$db" >/dev/null

# CPU seconds of the PostgreSQL server: the postmaster and its live children, plus what the
# children that already ended left in the postmaster's cutime/cstime.
pg_cpu() {
  local ticks=0 pid
  for pid in "$postmaster" $(ps -o pid= --ppid "$postmaster"); do
    [ -r "/proc/$pid/stat" ] || continue
    ticks=$((ticks + $(awk '{print $14 + $15 + ($1 == '"$postmaster"' ? $16 + $17 : 0)}' "/proc/$pid/stat")))
  done
  echo "$ticks $(getconf CLK_TCK)" | awk '{printf "%.2f", $1 / $2}'
}

cpu_before=$(pg_cpu)
started_ms=$(date +%s%3N)
for i in $(seq "$instances"); do
  "$quotawatch" serve --no-rest --db "$db" >"$tmp/serve-$i.out" 2>"$tmp/serve-$i.err" &
  serves+=($!)
done
echo "$keys keys every ${interval} s, ${delay} ms provider latency, $instances instances, ${duration} s"
sleep "$duration"
cpu_after=$(pg_cpu)
ended_ms=$(date +%s%3N)
for i in "${!serves[@]}"; do
  pid=${serves[$i]}
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
  printf 'instance %d (pid %d): peak RSS %.1f MiB\n' "$((i + 1))" "$pid" "$(echo "$hwm" | awk '{print $1 / 1024}')"
done
for pid in "${serves[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${serves[@]}"; do wait "$pid" 2>/dev/null || true; done
serves=()

# Whole intervals after the startup round (every key is new, so all are due at once at start).
from=$((started_ms + interval * 1000))
buckets=$(((ended_ms - from) / (interval * 1000)))
if [ "$buckets" -lt 1 ]; then
  echo "DURATION_S too short for a whole interval after the first"
  exit 1
fi
echo "checks per key per interval over $buckets interval(s) after the first:"
psql_db -F ' ' -c "
  SELECT 'min', MIN(c), 'median', percentile_cont(0.5) WITHIN GROUP (ORDER BY c), 'max', MAX(c),
         'mean', ROUND(AVG(c), 3), 'keys with 0 in an interval', COUNT(DISTINCT id) FILTER (WHERE c = 0)
  FROM (SELECT k.id, b, COUNT(s.id) AS c
        FROM api_keys k CROSS JOIN generate_series(0, $buckets - 1) AS b
        LEFT JOIN snapshots s ON s.key_id = k.id AND s.checked_at >= $from + b * ${interval}000
                             AND s.checked_at < $from + (b + 1) * ${interval}000
        GROUP BY k.id, b) per_key"
echo "checks stored: $(psql_db -c 'SELECT COUNT(*) FROM snapshots') ($(psql_db -c "SELECT COUNT(*) FROM snapshots WHERE status <> 'ok'") not ok)"
echo "keys by the instance that checked them last:"
psql_db -F ' ' -c 'SELECT COUNT(*), last_checked_by FROM api_keys GROUP BY last_checked_by ORDER BY 2'
awk -v a="$cpu_before" -v b="$cpu_after" -v d="$duration" \
  'BEGIN {printf "PostgreSQL CPU: %.2f s over %d s (%.1f %% of one core)\n", b - a, d, (b - a) * 100 / d}'
