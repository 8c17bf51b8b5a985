#!/usr/bin/env bash
# Cold start of the desktop app to its first painted dashboard, on a database of KEYS keys with
# DAYS days of checks every EVERY_MIN minutes (defaults: 1,000 keys x 1,008 checks, about a
# million snapshots), under Xvfb. The app prints first_paint_ms and quits when
# QUOTAWATCH_EXIT_AFTER_FIRST_PAINT=1; /usr/bin/time -v gives the whole process's wall time and
# peak memory, and the CPU time (user + system, all threads), which suffers least when the
# machine is shared. The first run is a warm-up (file cache); medians of the RUNS after it.
#   tests/bench/startup_bench.sh [BUILD_DIR]     (env: KEYS=1000 DAYS=21 EVERY_MIN=30 RUNS=5)
# 10,000 keys and 10 million snapshots (seeding takes a few minutes):
#   KEYS=10000 tests/bench/startup_bench.sh build
set -euo pipefail

build=${1:-build}
keys=${KEYS:-1000}
days=${DAYS:-21}
every=${EVERY_MIN:-30}
runs=${RUNS:-5}
quotawatch=$build/app/quotawatch
seed=$build/tests/bench/qw_seed

tmp=$(mktemp -d)
xvfb=""
cleanup() {
  [ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

export QUOTAWATCH_MASTER_KEY
QUOTAWATCH_MASTER_KEY=$(openssl rand -base64 32 | tr '+/' '-_')
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
mkdir -p "$HOME"
db="sqlite://$tmp/startup.db"
"$seed" --db "$db" --keys "$keys" --days "$days" --every-min "$every" >/dev/null
snapshots=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from snapshots').fetchone()[0])" "$tmp/startup.db")

display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
export DISPLAY=$display QT_QPA_PLATFORM=xcb QUOTAWATCH_EXIT_AFTER_FIRST_PAINT=1
unset DBUS_SESSION_BUS_ADDRESS

echo "desktop start-up: $keys keys, $snapshots snapshots"
paints=() loads=() walls=() rss=() cpus=()
for run in $(seq 0 "$runs"); do
  /usr/bin/time -v "$quotawatch" --db "$db" >"$tmp/out" 2>"$tmp/time" || { cat "$tmp/out" "$tmp/time"; exit 1; }
  paint=$(sed -n 's/^first_paint_ms=//p' "$tmp/out")
  loaded=$(sed -n 's/^trends_loaded_ms=//p' "$tmp/out")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); print (t[1] * 60 + t[2]) * 1000}' "$tmp/time")
  mem=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tmp/time")
  cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s * 1000}' "$tmp/time")
  [ "$run" -eq 0 ] && continue # warm-up
  paints+=("$paint") loads+=("$loaded") walls+=("$wall") rss+=("$mem") cpus+=("$cpu")
  printf 'run %d: first paint %d ms, trends loaded %d ms (in-process), process wall %.0f ms, cpu %.0f ms, peak rss %d KiB\n' \
    "$run" "$paint" "$loaded" "$wall" "$cpu" "$mem"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
awk -v p="$(median "${paints[@]}")" -v l="$(median "${loads[@]}")" -v w="$(median "${walls[@]}")" \
  -v m="$(median "${rss[@]}")" -v c="$(median "${cpus[@]}")" 'BEGIN {
  printf "median: first paint %d ms; trends loaded %d ms; whole process %.0f ms (cpu %.0f ms); peak rss %.1f MiB\n", p, l, w, c, m / 1024 }'
