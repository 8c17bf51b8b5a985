#!/usr/bin/env bash
# Runs every adapter's libFuzzer target for a short time on that platform's recorded answers.
# A crash, a sanitizer finding or an adapter invariant broken aborts the target and fails the run.
#   tests/sanitizers/run-fuzz.sh BUILD_DIR [SECONDS_PER_TARGET]
# BUILD_DIR is configured with clang and -DWITH_FUZZ=ON; the targets are built here if missing.
# A fixed seed: a finding in CI is reproduced by running the same command.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:?usage: run-fuzz.sh BUILD_DIR [SECONDS]}
seconds=${2:-15}
platforms=(openrouter deepseek moonshot moonshot-intl siliconflow-intl novita elevenlabs newapi
  newapi-user openai-admin anthropic-admin zhipu-coding xai litellm custom
  zai-coding minimax-coding minimax-coding-intl kimi-code
  vercel-gateway poe venice deepinfra)

targets=()
for platform in "${platforms[@]}"; do targets+=("fuzz_${platform//-/_}"); done
cmake --build "$build" -j2 --target "${targets[@]}"

work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
artifacts="$build/fuzz-artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# One target: prints how many inputs it ran, or its log's end and FAILED.
fuzz_one() { # platform
  local platform=$1
  # The -intl platforms answer like their mainland twins; their recordings are shared.
  local seeds="tests/data/providers/${platform%-intl}"
  # New inputs go to the first (scratch) corpus folder, never into the recorded answers.
  mkdir -p "$work/$platform"
  if "$build/tests/fuzz/fuzz_${platform//-/_}" -max_total_time="$seconds" -seed=1 -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 -artifact_prefix="$artifacts/${platform}-" "$work/$platform" "$seeds" \
    >"$work/$platform.log" 2>&1; then
    echo "fuzz: $platform ran ${seconds}s on $seeds, $(grep -E '^stat::number_of_executed_units' "$work/$platform.log" || echo 'no stats')"
  else
    tail -n 60 "$work/$platform.log"
    echo "fuzz: $platform FAILED"
    return 1
  fi
}

# A fuzzer uses one core: as many at once as there are cores, each still for its full time.
parallel=${QW_FUZZ_JOBS:-$(nproc)}
running=0
for platform in "${platforms[@]}"; do
  if [ "$running" -ge "$parallel" ]; then
    wait -n || exit 1
    running=$((running - 1))
  fi
  fuzz_one "$platform" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do
  wait -n || exit 1
  running=$((running - 1))
done
echo "fuzz: all ${#platforms[@]} targets ran ${seconds}s each without a finding"
