#!/usr/bin/env bash
# Installs what is missing, builds QuotaWatch (desktop and server-only) and runs every test, then
# the whole suite again under AddressSanitizer + UndefinedBehaviorSanitizer, then every adapter's
# fuzz target for a short time, after the Linux packages' test. This is the README's test command
# and exactly what CI runs. For quicker local runs: QW_SANITIZERS=0 leaves out the sanitizer run,
# QW_SKIP_FUZZ=1 the fuzzing, QW_SKIP_PACKAGES=1 the package test (CI runs everything).
set -euo pipefail
cd "$(dirname "$0")/.."

bash installer/install-deps.sh

# Four build trees (release, headless, sanitizers, fuzz) share one ccache: room for all of them, so
# that building one does not evict the objects of another (ccache's default is 5 GB).
export CCACHE_MAXSIZE="${CCACHE_MAXSIZE:-15G}"
# Paths inside the checkout hashed relative to it, and not the build tree's own folder (which -g
# would otherwise add to every hash): the headless tree then reuses the release tree's objects
# (203 of its 215 compile commands are the same), and a clone at another path reuses this one's.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-true}"

cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWARNINGS_AS_ERRORS=ON
cmake --build build -j2

# The headless build must keep configuring, building and linking without QtWidgets.
cmake -S . -B build-nogui -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWITH_GUI=OFF -DWITH_TESTS=OFF \
  -DWARNINGS_AS_ERRORS=ON
cmake --build build-nogui -j2

# The sanitizer tree compiles while the release suite runs. The suite mostly waits on its servers,
# timers and child processes, and the compiler runs at the lowest priority, so the tests still get
# the CPU the moment they want it; the two cores are not idle for the five minutes the suite takes.
# Its output goes to build-asan/build.log and is shown if it fails; stopped if this script stops.
asan_build=
if [ "${QW_SANITIZERS:-1}" != 0 ]; then
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWITH_ASAN=ON -DWARNINGS_AS_ERRORS=ON
  # Its own process group (setsid), so that stopping it stops ninja and the compilers too.
  setsid --wait nice -n 19 cmake --build build-asan -j2 >build-asan/build.log 2>&1 &
  asan_build=$!
  trap '[ -n "$asan_build" ] && kill -- -"$asan_build" 2>/dev/null || true' EXIT
fi

ctest --test-dir build --output-on-failure -j2

# The Linux packages from that build: the .deb installed with apt, run, validated and removed again
# (as root, which CI is); the RPM and the tarball made and their file lists checked. About 35 s.
# QW_SKIP_PACKAGES=1 leaves it out (a machine where apt must not be touched).
if [ "${QW_SKIP_PACKAGES:-0}" != 1 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    bash tests/installer/package_test.sh build
  else
    sudo bash tests/installer/package_test.sh build
  fi
fi

# The sanitizer run: the same suite built with ASan + UBSan, no recovery, leaks reported. Only
# third-party libraries are in the leak suppressions (tests/sanitizers/lsan.supp).
if [ -n "$asan_build" ]; then
  if ! wait "$asan_build"; then
    tail -n 80 build-asan/build.log
    echo "test.sh: the sanitizer build failed (the whole output: build-asan/build.log)"
    exit 1
  fi
  asan_build=
  echo "test.sh: the sanitizer build, compiled alongside the suite: $(tail -n 1 build-asan/build.log)"
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
    LSAN_OPTIONS="suppressions=$PWD/tests/sanitizers/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure -j2 --timeout 900
fi

# Fuzzing: every adapter's libFuzzer target (clang) for 10 s on its platform's recorded answers.
if [ "${QW_SKIP_FUZZ:-0}" != 1 ]; then
  CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWITH_FUZZ=ON \
    -DWITH_TESTS=OFF -DWITH_GUI=OFF
  bash tests/sanitizers/run-fuzz.sh build-fuzz 10
fi
