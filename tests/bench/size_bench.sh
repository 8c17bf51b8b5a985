#!/usr/bin/env bash
# What the history takes on disk: a SQLite database seeded (tests/bench/seed_main.cpp) with KEYS
# keys x DAYS days of checks every EVERY_MIN minutes is measured after a WAL checkpoint, as MB
# per million checks; then the raw retention is set to KEEP_DAYS and `quotawatch db compact` rolls
# up everything older and VACUUMs, timed (wall and CPU), and the database is measured again.
#   tests/bench/size_bench.sh [BUILD_DIR]   (env: KEYS=50 DAYS=70 EVERY_MIN=5 KEEP_DAYS=7 RUNS=3)
# Defaults: 50 keys x 20,161 checks = 1,008,050 checks, 63 of the 70 days rolled up.
set -euo pipefail

build=${1:-build}
keys=${KEYS:-50}
days=${DAYS:-70}
every=${EVERY_MIN:-5}
keep=${KEEP_DAYS:-7}
runs=${RUNS:-3}
quotawatch=$build/app/quotawatch
seed=$build/tests/bench/qw_seed

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QUOTAWATCH_MASTER_KEY
QUOTAWATCH_MASTER_KEY=$(openssl rand -base64 32 | tr '+/' '-_')
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
mkdir -p "$HOME"

for run in $(seq 1 "$runs"); do
  file=$tmp/size$run.db
  db="sqlite://$file"
  "$seed" --db "$db" --keys "$keys" --days "$days" --every-min "$every" >/dev/null
  # The size a reader sees: the WAL folded into the file.
  "$quotawatch" --db "$db" db stats --json >"$tmp/before.json"
  checks=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['raw_checks'])" "$tmp/before.json")
  sqlite3 "$file" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null
  before=$(stat -c %s "$file")
  "$quotawatch" --db "$db" db retention "$keep" >/dev/null
  /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$quotawatch" --db "$db" db compact >"$tmp/compact"
  after=$(stat -c %s "$file")
  "$quotawatch" --db "$db" db stats --json >"$tmp/after.json"
  python3 - "$checks" "$before" "$after" "$tmp/time" "$tmp/after.json" <<'PY'
import json, sys
checks, before, after = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
wall, user, system = (float(x) for x in open(sys.argv[4]).read().split())
stats = json.load(open(sys.argv[5]))
runs = stats["hourly_runs"] + stats["daily_runs"]
print(f"checks={checks} size={before/1e6:.1f}MB per_million={before/1e6/(checks/1e6):.1f}MB "
      f"compacted={after/1e6:.1f}MB raw_after={stats['raw_checks']} runs={runs} "
      f"rolled={stats['rolled_checks']} compact_wall={wall:.1f}s compact_cpu={user+system:.1f}s "
      f"cpu_per_run_ms={(user+system)*1000/max(runs,1):.2f}")
PY
  rm -f "$file" "$file-wal" "$file-shm"
done
