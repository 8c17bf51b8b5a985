#!/usr/bin/env bash
# Installs what is missing, builds QuotaWatch (desktop and server-only) and runs every test.
# This is the README's test command and exactly what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/install-deps.sh

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARNINGS_AS_ERRORS=ON
cmake --build build -j2

# The headless build must keep configuring, building and linking without QtWidgets.
cmake -S . -B build-nogui -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWITH_GUI=OFF -DWITH_TESTS=OFF \
  -DWARNINGS_AS_ERRORS=ON
cmake --build build-nogui -j2

ctest --test-dir build --output-on-failure -j2
