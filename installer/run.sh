#!/usr/bin/env bash
# Installs what is missing, builds QuotaWatch and starts the desktop app on its default
# database (a SQLite file in your application-data folder). Extra arguments go to quotawatch.
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/install-deps.sh

cmake -S . -B build-release -G Ninja -DCMAKE_BUILD_TYPE=Release -DWITH_TESTS=OFF
cmake --build build-release -j2

exec ./build-release/app/quotawatch "$@"
