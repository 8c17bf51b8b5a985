#!/usr/bin/env bash
# The main window's key table with KEYS keys, each with DAYS days of checks every EVERY_MIN
# minutes (defaults: 10,000 keys x 336 checks, a full 7-day trend each), offscreen: the time
# from a keystroke in the search box until the table has filtered, sorted and repainted, and
# the worst frame while scrolling the whole table three rows at a time. RUNS repetitions in one
# process, after every trend has loaded.
#   tests/bench/table_bench.sh [BUILD_DIR]     (env: KEYS=10000 DAYS=7 EVERY_MIN=30 RUNS=5 TEXT="deep 12")
set -euo pipefail

build=${1:-build}
keys=${KEYS:-10000}
days=${DAYS:-7}
every=${EVERY_MIN:-30}
runs=${RUNS:-5}
text=${TEXT:-deep 12}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QUOTAWATCH_MASTER_KEY
QUOTAWATCH_MASTER_KEY=$(openssl rand -base64 32 | tr '+/' '-_')
export HOME=$tmp/home XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME"
db="sqlite://$tmp/table.db"
"$build/tests/bench/qw_seed" --db "$db" --keys "$keys" --days "$days" --every-min "$every" >/dev/null
"$build/tests/bench/qw_table_bench" --db "$db" --runs "$runs" --text "$text"
